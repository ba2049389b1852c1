// foldForMatch gives one key for a campaign hashtag however it was typed (case, diacritics, NFC/NFD).
import { describe, expect, it } from 'vitest';
import { foldForMatch } from '../../../../src/core/text/fold';

describe('foldForMatch', () => {
  it('folds the campaign hashtag variants to one key', () => {
    const key = foldForMatch('#MyHoChiMinh');
    expect(key).toBe('#myhochiminh');
    expect(foldForMatch('#myhochiminh')).toBe(key);
    expect(foldForMatch('#MyHồChíMinh')).toBe(key);
    expect(foldForMatch('#MyHồChíMinh'.normalize('NFD'))).toBe(key);
    expect(foldForMatch('#MYHỒCHÍMINH')).toBe(key);
  });

  it('maps đ/Đ to d and strips every Vietnamese diacritic', () => {
    expect(foldForMatch('Đăng Ký Đội Thi')).toBe('dang ky doi thi');
    expect(foldForMatch('Ưu đãi Ơn nghĩa Lễ hội Ẩm thực')).toBe('uu dai on nghia le hoi am thuc');
  });
});
