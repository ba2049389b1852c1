// Questions and feedback (SPEC §8): asking (/hoi), the officials' notice, answering (/traloi, the
// admin API, the console) and closing. Chat, API and console all go through these functions.
import type { Db } from '../../../db/client';
import { findMember } from '../../../db/queries/identities';
import { officialIdentities } from '../../../db/queries/leads';
import { auditQuery } from '../../../db/queries/members';
import type { OutboxInsert } from '../../../db/queries/outbox';
import {
  addAnswerQueries,
  addQuestionQueries,
  closeThreadQuery,
  conditionalNoticeQuery,
  insertThread,
  lastNoticeAt,
  openSince,
  QUESTION_ANSWER_REF,
  threadWithAsker,
  unclosedThreadOf,
  waitingStats,
} from '../../../db/queries/questions';
import { messagesFor, type Messages } from '../../i18n';
import type { HandlerContext, Write } from '../commands/handler-context';
import type { CoreDeps } from '../context';
import { isInsideZaloWindow } from '../outbox/zalo-window';
import { commitFanOut } from './commit-fan-out';

/** Longest question or answer stored (bounded input, SPEC §6). */
export const QUESTION_MAX_CHARS = 2000;
/** At most one notice per official chat in this time (SPEC §8). */
export const NOTICE_WINDOW_MS = 10 * 60_000;

/** "12 phút", "3 giờ", "2 ngày". */
export function ageText(t: Messages, ms: number): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return t.ageMinutes({ n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t.ageHours({ n: h });
  return t.ageDays({ n: Math.floor(h / 24) });
}

/**
 * A question from the person behind ctx (private chat): joins their thread that is not closed or
 * opens one, answers with the receipt and notices the officials (at most once per 10 minutes
 * per official chat, with the count waiting and the oldest's age).
 */
export async function askQuestion(ctx: HandlerContext, text: string): Promise<void> {
  const { db } = ctx.deps;
  const t = ctx.t;
  if (!text.trim()) return ctx.reply(t.askEmpty());
  if (text.length > QUESTION_MAX_CHARS) return ctx.reply(t.askTooLong({ max: QUESTION_MAX_CHARS }));
  const before = await waitingStats(db);
  let thread = await unclosedThreadOf(db, ctx.identity.id);
  const joined = Boolean(thread);
  const wasWaiting = thread?.status === 'open';
  thread ??= await insertThread(db, { identityId: ctx.identity.id, memberId: ctx.member?.registeredAt ? ctx.member.id : null, platform: ctx.msg.platform, now: ctx.now });
  for (const q of addQuestionQueries(db, {
    threadId: thread.id,
    text: text.trim(),
    sourceKey: ctx.msg.eventKey,
    memberId: ctx.member?.registeredAt ? ctx.member.id : null,
    at: ctx.now,
  }))
    ctx.write(q);
  ctx.reply(joined ? t.askAdded({ id: thread.id }) : t.askReceived({ id: thread.id }));

  // `before` was read before this question: a thread that was not waiting starts waiting now.
  const open = before.open + (wasWaiting ? 0 : 1);
  const oldest = before.oldest && before.oldest.getTime() < ctx.now.getTime() ? before.oldest : ctx.now;
  for (const w of await noticeWrites(db, { open, oldest, now: ctx.now, key: ctx.msg.eventKey, exceptIdentityId: ctx.identity.id })) ctx.write(w);
}

async function noticeWrites(db: Db, input: { open: number; oldest: Date; now: Date; key: string; exceptIdentityId: number }): Promise<Write[]> {
  const writes: Write[] = [];
  for (const i of await officialIdentities(db)) {
    if (i.identityId === input.exceptIdentityId) continue;
    // Zalo outside the 7-day window cannot be written to; Telegram needs the person's private chat
    // (an official who asks nothing there still gets it: the dispatcher records why not).
    if (i.platform === 'zalo' && !isInsideZaloWindow(i.lastInboundAt, input.now)) continue;
    const t = messagesFor(i.lang);
    const message = { lines: t.questionNotice({ open: input.open, oldest: ageText(t, input.now.getTime() - input.oldest.getTime()) }).split('\n') };
    writes.push(
      conditionalNoticeQuery(
        db,
        { key: `qnotice:${input.key}:${i.identityId}`, platform: i.platform, chatId: i.chatId, identityId: i.identityId, memberId: i.memberId, message },
        input.now,
        NOTICE_WINDOW_MS,
      ),
    );
  }
  return writes;
}

/** An official (not deleted), or the admin API (null). */
async function mayAct(db: Db, actorMemberId: number | null): Promise<boolean> {
  if (actorMemberId == null) return true;
  const actor = await findMember(db, actorMemberId);
  return Boolean(actor && actor.status !== 'deleted' && actor.role === 'official');
}

export type AnswerRefusal = 'not_allowed' | 'not_found' | 'closed' | 'asker_gone' | 'zalo_window' | 'empty' | 'too_long';
export type AnswerResult = { ok: true; threadId: number } | { ok: false; reason: AnswerRefusal };

export interface AnswerInput {
  threadId: number;
  text: string;
  /** The official answering; null: the admin API (its bearer token stands for the office). */
  actorMemberId: number | null;
  now: Date;
  /** Makes the answer idempotent: the chat event's key, or a request id. */
  sourceKey: string;
  via: 'chat' | 'api' | 'console';
}

/** What an answer writes and sends, without committing it (the chat adds it to its event's batch). */
export async function planAnswer(db: Db, input: AnswerInput): Promise<{ result: AnswerResult; writes: Write[]; rows: OutboxInsert[] }> {
  const none = (reason: AnswerRefusal) => ({ result: { ok: false as const, reason }, writes: [], rows: [] });
  const text = input.text.trim();
  if (!text) return none('empty');
  if (text.length > QUESTION_MAX_CHARS) return none('too_long');
  if (!(await mayAct(db, input.actorMemberId))) return none('not_allowed');
  const found = await threadWithAsker(db, input.threadId);
  if (!found) return none('not_found');
  if (found.thread.status === 'closed') return none('closed');
  const asker = found.asker;
  if (!asker) return none('asker_gone');
  // SPEC §8: a Zalo answer outside the 7-day window is refused before it is queued.
  if (asker.platform === 'zalo' && !isInsideZaloWindow(asker.lastInboundAt, input.now)) return none('zalo_window');
  const t = messagesFor(asker.lang);
  const writes: Write[] = [
    ...addAnswerQueries(db, { threadId: input.threadId, text, sourceKey: input.sourceKey, authorMemberId: input.actorMemberId, at: input.now }),
    auditQuery(db, {
      actorMemberId: input.actorMemberId,
      action: 'question_answered',
      targetMemberId: asker.memberId,
      detail: { threadId: input.threadId, via: input.via },
      at: input.now,
    }),
  ];
  const rows: OutboxInsert[] = [
    {
      idempotencyKey: `qanswer:${input.sourceKey}`,
      ref: QUESTION_ANSWER_REF,
      platform: asker.platform,
      chatId: asker.chatId,
      identityId: asker.identityId,
      memberId: asker.memberId,
      message: { lines: t.answerToAsker({ id: input.threadId, text }).split('\n') },
    },
  ];
  return { result: { ok: true, threadId: input.threadId }, writes, rows };
}

/** Answers a question and queues the answer (API and console; one batch). */
export async function answerQuestion(deps: CoreDeps, input: AnswerInput): Promise<AnswerResult> {
  const plan = await planAnswer(deps.db, input);
  if (!plan.result.ok) return plan.result;
  await commitFanOut(deps.db, plan.rows, input.now, plan.writes);
  deps.onQueued?.();
  return plan.result;
}

export type CloseResult = { ok: true } | { ok: false; reason: 'not_allowed' | 'not_found' | 'closed' };

/** Closes a thread (nothing is sent to the asker); audited. */
export async function closeQuestion(deps: CoreDeps, input: { threadId: number; actorMemberId: number | null; now: Date; via: 'api' | 'console' }): Promise<CloseResult> {
  const { db } = deps;
  if (!(await mayAct(db, input.actorMemberId))) return { ok: false, reason: 'not_allowed' };
  const found = await threadWithAsker(db, input.threadId);
  if (!found) return { ok: false, reason: 'not_found' };
  if (found.thread.status === 'closed') return { ok: false, reason: 'closed' };
  await db.batch([
    closeThreadQuery(db, input.threadId, input.now),
    auditQuery(db, {
      actorMemberId: input.actorMemberId,
      action: 'question_closed',
      targetMemberId: found.asker?.memberId ?? null,
      detail: { threadId: input.threadId, via: input.via },
      at: input.now,
    }),
  ]);
  return { ok: true };
}

/** The words telling an official why an answer was not sent. */
export function answerRefusalText(t: Messages, reason: AnswerRefusal, id: number): string {
  switch (reason) {
    case 'not_found':
    case 'not_allowed':
      return t.traloiNotFound({ id: String(id) });
    case 'closed':
      return t.traloiClosed({ id });
    case 'asker_gone':
      return t.traloiGone({ id });
    case 'zalo_window':
      return t.traloiZaloWindow({ id });
    case 'empty':
      return t.traloiUsage();
    case 'too_long':
      return t.askTooLong({ max: QUESTION_MAX_CHARS });
  }
}

/**
 * The `question-notices` job: questions that arrived while an official's chat was within its
 * 10 minutes since the last notice get one more notice once the 10 minutes are over (so 20
 * questions in a minute make two notices, not one that counts only the first).
 */
export async function sendLateQuestionNotices(deps: CoreDeps, now: Date): Promise<number> {
  const { db } = deps;
  const stats = await waitingStats(db);
  if (stats.open === 0 || !stats.oldest) return 0;
  const writes: Write[] = [];
  for (const i of await officialIdentities(db)) {
    if (i.platform === 'zalo' && !isInsideZaloWindow(i.lastInboundAt, now)) continue;
    const last = await lastNoticeAt(db, i.identityId);
    // Only when something waits that came after the last notice (or nothing was ever sent).
    if (last && !(await openSince(db, last))) continue;
    const t = messagesFor(i.lang);
    const message = { lines: t.questionNotice({ open: stats.open, oldest: ageText(t, now.getTime() - stats.oldest.getTime()) }).split('\n') };
    writes.push(
      conditionalNoticeQuery(
        db,
        { key: `qnotice:late:${Math.floor(now.getTime() / NOTICE_WINDOW_MS)}:${i.identityId}`, platform: i.platform, chatId: i.chatId, identityId: i.identityId, memberId: i.memberId, message },
        now,
        NOTICE_WINDOW_MS,
      ),
    );
  }
  if (writes.length === 0) return 0;
  await db.batch(writes as [Write, ...Write[]]);
  deps.onQueued?.();
  return writes.length;
}
