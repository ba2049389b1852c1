// The name index of the console's member search: the database's triggers fold names exactly as
// foldName does (a search folds the query in JS), follow every change of the name and forget it
// with the name (/xoa sets it to NULL).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { foldName, nameWords } from '../../../src/core/text/name-words';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

const words = async (id: number) =>
  (await db.client.execute({ sql: 'SELECT word FROM member_name_words WHERE member_id = ? ORDER BY word', args: [id] })).rows.map((r) => String(r.word));
const insert = async (name: string | null) =>
  Number((await db.client.execute({ sql: `INSERT INTO members (full_name, role, lang, status, created_at) VALUES (?, 'creator', 'vi', 'active', 0) RETURNING id`, args: [name] })).rows[0]![0]);

const NAMES = [
  'Nguyễn Thị Ánh Tuyết',
  'ĐẶNG VĂN ĐỨC',
  'Trần  Hoàng-Long (Ken)',
  'Lê Thị Mỹ Dung',
  'Phạm Ngọc Ẩn Ỷ Ữ',
  "O'Brien Müller",
  'Hồ Quỳnh Hương',
];

it('folds every name in SQL exactly as foldName does in JS', async () => {
  for (const name of NAMES) {
    const id = await insert(name);
    expect(await words(id), name).toEqual([...nameWords(name)].sort());
  }
  expect(nameWords('Nguyễn Thị Ánh Tuyết')).toEqual(['nguyen', 'thi', 'anh', 'tuyet']);
  expect(nameWords('ĐẶNG VĂN ĐỨC')).toEqual(['dang', 'van', 'duc']);
  expect(nameWords('Trần  Hoàng-Long (Ken)')).toEqual(['tran', 'hoang', 'long', 'ken']);
  expect(foldName('Müller')).toBe('müller');
});

it('follows a changed name and forgets a deleted one', async () => {
  const id = await insert('Nguyễn Văn An');
  await db.client.execute({ sql: `UPDATE members SET full_name = 'Trần Bình' WHERE id = ?`, args: [id] });
  expect(await words(id)).toEqual(['binh', 'tran']);
  await db.client.execute({ sql: `UPDATE members SET full_name = NULL, status = 'deleted' WHERE id = ?`, args: [id] });
  expect(await words(id)).toEqual([]);
  const other = await insert('Lê Cường');
  await db.client.execute({ sql: `DELETE FROM members WHERE id = ?`, args: [other] });
  expect(await words(other)).toEqual([]);
  expect(await words(await insert(null))).toEqual([]);
});
