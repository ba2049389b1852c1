// Questions and feedback (SPEC §8): the reads and statements of question threads.
import { and, asc, desc, eq, inArray, min, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, mcns, members, questionMessages, questionThreads } from '../schema';
import type { Platform } from '../../src/core/types';

export type ThreadStatus = 'open' | 'answered' | 'closed';
export type ThreadRow = typeof questionThreads.$inferSelect;
export const QUESTION_NOTICE_REF = 'question_notice';
export const QUESTION_ANSWER_REF = 'question_answer';

/** The person's thread that is not closed (a later /hoi adds to it), if any. */
export async function unclosedThreadOf(db: Db, identityId: number): Promise<ThreadRow | undefined> {
  return db.query.questionThreads.findFirst({
    where: and(eq(questionThreads.identityId, identityId), ne(questionThreads.status, 'closed')),
    orderBy: [desc(questionThreads.id)],
  });
}

/** A new thread (written at once: the receipt carries its number). */
export async function insertThread(db: Db, row: { identityId: number; memberId: number | null; platform: Platform; now: Date }): Promise<ThreadRow> {
  const [t] = await db
    .insert(questionThreads)
    .values({ identityId: row.identityId, memberId: row.memberId, platform: row.platform, status: 'open', waitingSince: row.now, lastMessageAt: row.now, createdAt: row.now })
    .returning();
  return t!;
}

/** A question added to a thread: the thread is open again, waiting since its oldest unanswered question. */
export function addQuestionQueries(db: Db, input: { threadId: number; text: string; sourceKey: string; memberId: number | null; at: Date }) {
  return [
    db.insert(questionMessages).values({ threadId: input.threadId, kind: 'question', text: input.text, sourceKey: input.sourceKey, at: input.at }).onConflictDoNothing(),
    db
      .update(questionThreads)
      .set({
        status: 'open',
        waitingSince: sql`coalesce(${questionThreads.waitingSince}, ${input.at.getTime()})`,
        lastMessageAt: input.at,
        memberId: sql`coalesce(${questionThreads.memberId}, ${input.memberId})`,
      })
      .where(eq(questionThreads.id, input.threadId)),
  ];
}

export function addAnswerQueries(db: Db, input: { threadId: number; text: string; sourceKey: string; authorMemberId: number | null; at: Date }) {
  return [
    db
      .insert(questionMessages)
      .values({ threadId: input.threadId, kind: 'answer', text: input.text, sourceKey: input.sourceKey, authorMemberId: input.authorMemberId, at: input.at })
      .onConflictDoNothing(),
    db
      .update(questionThreads)
      .set({ status: 'answered', waitingSince: null, answeredAt: input.at, lastMessageAt: input.at })
      .where(eq(questionThreads.id, input.threadId)),
  ];
}

export function closeThreadQuery(db: Db, threadId: number, at: Date) {
  return db.update(questionThreads).set({ status: 'closed', waitingSince: null, closedAt: at }).where(eq(questionThreads.id, threadId));
}

export interface ThreadWithAsker {
  thread: ThreadRow;
  asker: { identityId: number; platform: Platform; chatId: string; lastInboundAt: Date | null; lang: 'vi' | 'en'; memberId: number | null } | null;
}

/** A thread with where its answer goes (null asker: the identity is gone). */
export async function threadWithAsker(db: Db, threadId: number): Promise<ThreadWithAsker | null> {
  const rows = await db
    .select({
      thread: questionThreads,
      identityId: chatIdentities.id,
      platform: chatIdentities.platform,
      chatId: chatIdentities.chatId,
      lastInboundAt: chatIdentities.lastInboundAt,
      clientLang: chatIdentities.clientLang,
      memberId: chatIdentities.memberId,
      memberLang: members.lang,
    })
    .from(questionThreads)
    .leftJoin(chatIdentities, eq(chatIdentities.id, questionThreads.identityId))
    .leftJoin(members, eq(members.id, chatIdentities.memberId))
    .where(eq(questionThreads.id, threadId));
  const r = rows[0];
  if (!r) return null;
  const asker =
    r.identityId == null
      ? null
      : {
          identityId: r.identityId,
          platform: r.platform!,
          chatId: r.chatId!,
          lastInboundAt: r.lastInboundAt,
          lang: (r.memberLang ?? (r.clientLang?.toLowerCase().startsWith('en') ? 'en' : 'vi')) as 'vi' | 'en',
          memberId: r.memberId,
        };
  return { thread: r.thread, asker };
}

/** How many threads wait for an answer and since when the oldest waits. */
export async function waitingStats(db: Db): Promise<{ open: number; oldest: Date | null }> {
  const [r] = await db
    .select({ open: sql<number>`count(*)`, oldest: min(questionThreads.waitingSince) })
    .from(questionThreads)
    .where(eq(questionThreads.status, 'open'));
  return { open: Number(r?.open ?? 0), oldest: r?.oldest ?? null };
}

/**
 * The notice to an official's private chat, only if none went to that chat in the last
 * `windowMs`: checked in SQL inside the batch, so questions committed together notify once.
 */
export function conditionalNoticeQuery(
  db: Db,
  row: { key: string; platform: Platform; chatId: string; identityId: number; memberId: number; message: unknown },
  now: Date,
  windowMs: number,
) {
  const at = now.getTime();
  return db.run(sql`
    INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, member_id, message, status, next_attempt_at, created_at)
    SELECT ${row.key}, ${QUESTION_NOTICE_REF}, ${row.platform}, ${row.chatId}, ${row.identityId}, ${row.memberId}, ${JSON.stringify(row.message)}, 'queued', ${at}, ${at}
    WHERE NOT EXISTS (
      SELECT 1 FROM outbox WHERE identity_id = ${row.identityId} AND ref = ${QUESTION_NOTICE_REF} AND created_at > ${at - windowMs}
    )
    ON CONFLICT (idempotency_key) DO NOTHING`);
}

/** When the last question notice was queued for an official's chat. */
export async function lastNoticeAt(db: Db, identityId: number): Promise<Date | null> {
  const rows = await db.all<{ at: number | null }>(
    sql`SELECT max(created_at) AS at FROM outbox WHERE identity_id = ${identityId} AND ref = ${QUESTION_NOTICE_REF}`,
  );
  const at = rows[0]?.at;
  return at == null ? null : new Date(Number(at));
}

/** Whether an open thread got a question after `since`. */
export async function openSince(db: Db, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: questionThreads.id })
    .from(questionThreads)
    .where(and(eq(questionThreads.status, 'open'), sql`${questionThreads.lastMessageAt} > ${since.getTime()}`))
    .limit(1);
  return rows.length > 0;
}

export interface ThreadListItem {
  id: number;
  status: ThreadStatus;
  platform: Platform;
  waitingSince: Date | null;
  lastMessageAt: Date;
  createdAt: Date;
  memberId: number | null;
  memberName: string | null;
  mcnName: string | null;
  messages: { kind: 'question' | 'answer'; text: string; at: Date }[];
}

/** Threads of a status (or all), oldest first (by the time waiting, then by creation). */
export async function listThreads(db: Db, status: ThreadStatus | null, limit = 200): Promise<ThreadListItem[]> {
  const rows = await db
    .select({
      t: questionThreads,
      memberId: members.id,
      memberName: members.fullName,
      registeredAt: members.registeredAt,
      memberStatus: members.status,
      mcnName: mcns.name,
    })
    .from(questionThreads)
    .leftJoin(chatIdentities, eq(chatIdentities.id, questionThreads.identityId))
    // The member when the person registered before or after asking.
    .leftJoin(members, eq(members.id, sql`coalesce(${questionThreads.memberId}, ${chatIdentities.memberId})`))
    .leftJoin(mcns, eq(mcns.id, members.mcnId))
    .where(status ? eq(questionThreads.status, status) : undefined)
    .orderBy(asc(sql`coalesce(${questionThreads.waitingSince}, ${questionThreads.createdAt})`), asc(questionThreads.id))
    .limit(limit);
  const ids = rows.map((r) => r.t.id);
  const msgs = ids.length
    ? await db.select().from(questionMessages).where(inArray(questionMessages.threadId, ids)).orderBy(asc(questionMessages.at), asc(questionMessages.id))
    : [];
  const byThread = new Map<number, ThreadListItem['messages']>();
  for (const m of msgs) {
    const list = byThread.get(m.threadId) ?? [];
    list.push({ kind: m.kind, text: m.text, at: m.at });
    byThread.set(m.threadId, list);
  }
  return rows.map((r) => {
    const registered = r.registeredAt != null && r.memberStatus !== 'deleted';
    return {
      id: r.t.id,
      status: r.t.status,
      platform: r.t.platform,
      waitingSince: r.t.waitingSince,
      lastMessageAt: r.t.lastMessageAt,
      createdAt: r.t.createdAt,
      memberId: registered ? r.memberId : null,
      memberName: registered ? r.memberName : null,
      mcnName: registered ? r.mcnName : null,
      messages: byThread.get(r.t.id) ?? [],
    };
  });
}

/** /xoa: the threads of these identities and their messages (questions and answers). */
export function deleteQuestionsQueries(db: Db, identityIds: number[]) {
  const ids = identityIds.length ? identityIds : [-1];
  const theirThreads = db.select({ id: questionThreads.id }).from(questionThreads).where(inArray(questionThreads.identityId, ids));
  return [
    db.delete(questionMessages).where(inArray(questionMessages.threadId, theirThreads)),
    db.delete(questionThreads).where(inArray(questionThreads.identityId, ids)),
  ];
}

