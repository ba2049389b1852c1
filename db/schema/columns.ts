// Shared column helpers: every time is stored in UTC as epoch milliseconds.
import { integer } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const timeMs = (name: string) => integer(name, { mode: 'timestamp_ms' });
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`);
