// The words of members' names, folded (lower case, no Vietnamese diacritics, đ → d), one row per
// word: the console finds a member by any word of the name, or its beginning, through an index
// instead of reading every member. Kept by triggers on members.full_name (migration
// 0020_member_name_words), so every way a name is written or deleted (/xoa) keeps it in step.
import { sqliteTable, integer, text, primaryKey, index } from 'drizzle-orm/sqlite-core';

export const memberNameWords = sqliteTable(
  'member_name_words',
  {
    word: text('word').notNull(),
    memberId: integer('member_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.word, t.memberId] }), index('member_name_words_member_idx').on(t.memberId, t.word)],
);
