// Reading back what happened in a harness: SQL rows and counts, and the texts each chat received.
import { sql } from 'drizzle-orm';
import type { Harness } from './harness';

export const sqlRows = <T = Record<string, unknown>>(h: Harness, q: string) => h.db.db.all<T>(sql.raw(q));
export const sqlCount = async (h: Harness, q: string) => Number((await sqlRows<{ n: number }>(h, q))[0]!.n);
export const telegramTexts = (h: Harness, chat: number | string) => h.tg.sent(chat).map((p) => String(p.text));
export const zaloTexts = (h: Harness, user: string) =>
  h.zalo
    .sent()
    .filter((m) => m.userId === user)
    .map((m) => m.text);
