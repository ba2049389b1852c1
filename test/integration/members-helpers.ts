// Helpers for the member integration tests: talk to the app as a Telegram or Zalo user and read
// the answers back from the fakes, and search every text column of every table for a string.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { tgCallback, tgText, zaloText, ZALO_APP_ID, type Harness } from '../support/harness';

export interface Chat {
  /** Sends a text and returns the replies it produced (plain text). */
  say(text: string): Promise<string[]>;
  /** Presses a button (Telegram callback data; on Zalo the tap sends `reply` back as text). */
  press(data: string, zaloReply?: string): Promise<string[]>;
  /** Everything sent to this chat so far. */
  all(): string[];
}

/** Telegram HTML back to what the person reads. */
const unHtml = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** Sends through a webhook, waits for everything due to go out, and returns what came back. */
function replier(h: Harness, all: () => string[]) {
  return async (send: () => Promise<Response>) => {
    const before = all().length;
    const res = await send();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await h.settle();
    return all().slice(before);
  };
}

export function telegramChat(h: Harness, userId: number): Chat {
  const all = () => h.tg.sent(userId).map((m) => unHtml(String(m.text ?? '')));
  const run = replier(h, all);
  return {
    say: (text) => run(() => h.telegram(tgText(userId, text))),
    press: (data) => run(() => h.telegram(tgCallback(userId, data))),
    all,
  };
}

export function zaloChat(h: Harness, userId: string): Chat {
  const all = () => h.zalo.sent().filter((m) => m.userId === userId).map((m) => m.text);
  const run = replier(h, all);
  return {
    say: (text) => run(() => h.zaloEvent(zaloText(userId, text, h.clock.now()))),
    press: (data, zaloReply) => run(() => h.zaloEvent(zaloText(userId, zaloReply ?? data, h.clock.now()))),
    all,
  };
}

let eventSeq = 0;
/** A Zalo platform event (follow, unfollow, user_withdraw, user_submit_info) from a user. */
export function zaloUserEvent(h: Harness, userId: string, event: 'user_withdraw' | 'user_submit_info', extra: Record<string, unknown> = {}) {
  return h.zaloEvent({
    app_id: ZALO_APP_ID,
    sender: { id: userId },
    user_id_by_app: `app-${userId}`,
    recipient: { id: '4150937291048362718' },
    event_name: event,
    ...extra,
    // Derived event keys use the timestamp: keep them distinct.
    timestamp: String(h.clock.now().getTime() + ++eventSeq),
  });
}

/** Every (table, column, row id) whose text contains `needle`, over every table of the database. */
export async function findEverywhere(db: Db, needle: string): Promise<string[]> {
  const tables = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const hits: string[] = [];
  for (const { name } of tables) {
    const cols = await db.all<{ name: string }>(sql.raw(`PRAGMA table_info("${name}")`));
    for (const c of cols) {
      const rows = await db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM ${sql.identifier(name)} WHERE instr(CAST(${sql.identifier(c.name)} AS TEXT), ${needle}) > 0`,
      );
      if (Number(rows[0]?.n ?? 0) > 0) hits.push(`${name}.${c.name}`);
    }
  }
  return hits;
}

export const count = async (db: Db, table: string, where = '1') =>
  Number((await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)))[0]!.n);

/** The last reply of a chat turn ('' when none). */
export const lastReply = (replies: string[]) => replies[replies.length - 1] ?? '';
/** The 6-digit /lienket code inside a reply ('' when none). */
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';
