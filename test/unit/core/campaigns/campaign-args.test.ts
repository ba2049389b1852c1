// /chiendich argument parsing and hashtag keys.
import { describe, expect, it } from 'vitest';
import { parseCampaignArgs } from '../../../../src/core/features/campaigns/campaign-command';
import { hashtagKey, isIsoDate, parseHashtag } from '../../../../src/core/use-cases/create-campaign';
import { campaignFileStem } from '../../../../src/core/use-cases/export-campaign-posts';

describe('parseCampaignArgs', () => {
  it('parses name, hashtags and dd/mm/yyyy dates', () => {
    expect(parseCampaignArgs('Mỹ Hồ Chí Minh #MyHoChiMinh #TựHào | 1/11/2026 | 30/11/2026')).toEqual({
      kind: 'create',
      name: 'Mỹ Hồ Chí Minh',
      hashtags: ['#MyHoChiMinh', '#TựHào'],
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parseCampaignArgs('#TetViet|01/01/2027|15/02/2027')).toMatchObject({ kind: 'create', name: 'TetViet', hashtags: ['#TetViet'] });
    expect(parseCampaignArgs('Lễ hội #LeHoi áo dài | 01/01/2027 | 15/02/2027')).toMatchObject({ name: 'Lễ hội áo dài' });
  });

  it('lists without arguments and closes with "dong", "đóng", "close", "kết thúc"', () => {
    expect(parseCampaignArgs('')).toEqual({ kind: 'list' });
    expect(parseCampaignArgs('dong 12')).toEqual({ kind: 'close', ref: '12' });
    expect(parseCampaignArgs('Đóng #MyHoChiMinh')).toEqual({ kind: 'close', ref: '#MyHoChiMinh' });
    expect(parseCampaignArgs('close 3')).toEqual({ kind: 'close', ref: '3' });
    expect(parseCampaignArgs('kết thúc 3')).toEqual({ kind: 'close', ref: '3' });
    // A campaign called "Đóng góp" is a creation, not a close.
    expect(parseCampaignArgs('Đóng góp #DongGop | 01/01/2027 | 02/01/2027')).toMatchObject({ kind: 'create', name: 'Đóng góp' });
  });

  it('reports what is missing', () => {
    expect(parseCampaignArgs('Tết #Tet 01/01/2027')).toEqual({ kind: 'error', error: 'three_parts' });
    expect(parseCampaignArgs('Tết | 01/01/2027 | 02/01/2027')).toEqual({ kind: 'error', error: 'no_hashtag' });
    expect(parseCampaignArgs('Tết #Tet | 31/02/2027 | 02/03/2027')).toEqual({ kind: 'error', error: 'bad_date', text: '31/02/2027' });
    expect(parseCampaignArgs('Tết #Tet | 01/01/2027 | mai')).toEqual({ kind: 'error', error: 'bad_date', text: 'mai' });
  });
});

describe('hashtags', () => {
  it('folds case and Vietnamese diacritics into one key', () => {
    for (const t of ['#MyHoChiMinh', '#myhochiminh', '#MyHồChíMinh', 'MYHỒCHÍMINH', '##MyHoChiMinh']) expect(hashtagKey(t)).toBe('myhochiminh');
    expect(hashtagKey('#ĐàLạt')).toBe('dalat');
  });

  it('accepts letters, digits and _ with at least one letter', () => {
    expect(parseHashtag('MyHoChiMinh')).toEqual({ tag: '#MyHoChiMinh', key: 'myhochiminh' });
    expect(parseHashtag(' #Tết_2027 ')).toEqual({ tag: '#Tết_2027', key: 'tet_2027' });
    for (const bad of ['', '#', '#2027', 'Tết 2027', '#a-b', `#${'a'.repeat(51)}`]) expect(parseHashtag(bad), bad).toBeNull();
  });

  it('checks real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
  });

  it('makes ASCII file names from Vietnamese campaign names', () => {
    expect(campaignFileStem({ id: 4, name: 'Mỹ Hồ Chí Minh, "mùa 2"' })).toBe('chien-dich-4-my-ho-chi-minh-mua-2');
    expect(campaignFileStem({ id: 5, name: '🎉🎉' })).toBe('chien-dich-5');
  });
});
