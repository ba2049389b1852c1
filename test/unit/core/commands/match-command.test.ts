import { describe, expect, it } from 'vitest';
import { matchCommand } from '../../../../src/core/commands/match-command';

describe('matchCommand', () => {
  it.each([
    ['/dangky', 'dangky'],
    ['dang ky', 'dangky'],
    ['Đăng ký', 'dangky'],
    ['ĐĂNG KÝ', 'dangky'],
    ['/DANGKY', 'dangky'],
    ['/register', 'dangky'],
    ['  /dang   ky  ', 'dangky'],
    ['bat dau', 'batdau'],
    ['Bắt đầu', 'batdau'],
    ['/start', 'batdau'],
    ['/start@LoaBot', 'batdau'],
    ['tro giup', 'trogiup'],
    ['/help', 'trogiup'],
    ['/thoát', 'thoat'],
    ['Tiếp tục', 'tieptuc'],
    ['/xoa', 'xoa'],
    ['Liên kết', 'lienket'],
  ])('%j is %s', (input, name) => {
    expect(matchCommand(input)?.name).toBe(name);
  });

  it('keeps the arguments as typed, with diacritics and line breaks', () => {
    const m = matchCommand('/thongbao Họp báo tháng 12\nlúc 9:00');
    expect(m).toMatchObject({ name: 'thongbao', args: 'Họp báo tháng 12\nlúc 9:00', slash: true });
    expect(matchCommand('/them@LoaBot https://tuoitre.vn/a.htm Tiêu đề')?.args).toBe('https://tuoitre.vn/a.htm Tiêu đề');
    expect(matchCommand('lien ket 123456')).toMatchObject({ name: 'lienket', args: '123456' });
  });

  it('does not take ordinary sentences for commands', () => {
    expect(matchCommand('tin tức hôm nay thế nào')).toBeNull(); // not /tin
    expect(matchCommand('xoá đi')).toBeNull();
    expect(matchCommand('không')).toBeNull(); // an answer, not "khong <id>"
    expect(matchCommand('chào bạn')).toBeNull();
    expect(matchCommand('')).toBeNull();
  });

  it('reads hidden replies with arguments', () => {
    expect(matchCommand('dung 2')).toMatchObject({ name: 'dung', args: '2' });
    expect(matchCommand('thamdu 12')).toMatchObject({ name: 'thamdu', args: '12' });
    expect(matchCommand('không 12')).toMatchObject({ name: 'khongthamdu', args: '12' });
  });

  it('accepts commands with arguments after a slash even without arguments', () => {
    expect(matchCommand('/thongbao')).toMatchObject({ name: 'thongbao', args: '' });
    expect(matchCommand('thongbao')).toBeNull();
  });
});
