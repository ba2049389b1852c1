// /guitin (officials, private chat): send today's digest now — a day the schedule found empty
// (issue 19: articles added after DIGEST_TIME stay on today, see nextDigestDate) or an early
// send. Shows the digest as members will read it, then waits for GUI / HUY (10 minutes); the send
// is the same queueDigest as the schedule, the console and POST /api/digests/<date>/send.
import { findDigest } from '../../../../db/queries/digests';
import { auditQuery } from '../../../../db/queries/announcements';
import type { HandlerContext } from '../../commands/handler-context';
import type { Registry } from '../../commands/registry';
import { foldForMatch } from '../../text/fold';
import { formatDateTime, isoToDisplayDate, localDate, localTime } from '../../time';
import { digestArticles, queueDigest } from '../../use-cases/queue-digest';
import { unusableReason } from '../../commands/unusable';
import { buildDigestMessage } from './message';

export const LATE_DIGEST_FLOW = 'late-digest';
const CONFIRM_TTL_MS = 10 * 60_000;

interface Pending {
  date: string;
}

export function registerLateDigest(registry: Registry): void {
  registry.commands.set('guitin', guitinCommand);
  registry.conversations.set(LATE_DIGEST_FLOW, confirmAnswer);
  registry.callbacks.set('ldg', async (ctx, data) => {
    if (ctx.conversation?.flow !== LATE_DIGEST_FLOW) return ctx.reply(ctx.t.lateDigestNothingPending());
    return confirmAnswer(ctx, data === 'send' ? 'gui' : 'huy');
  });
  registry.nonText.set(LATE_DIGEST_FLOW, async (ctx) => ctx.reply([unusableReason(ctx), ctx.t.lateDigestAskConfirm()].join('\n')));
}

async function guitinCommand(ctx: HandlerContext): Promise<void> {
  const { env, db } = ctx.deps;
  const date = localDate(ctx.now, env.TIMEZONE);
  const display = isoToDisplayDate(date);
  const row = await findDigest(db, date);
  if (row?.status === 'queued') {
    return ctx.reply(ctx.t.lateDigestAlreadySent({ date: display, time: formatDateTime(row.queuedAt ?? ctx.now, env.TIMEZONE) }));
  }
  const items = await digestArticles(ctx.deps, date, row ?? null);
  if (items.length === 0) return ctx.reply(ctx.t.lateDigestNothing({ date: display }));
  ctx.reply(buildDigestMessage(ctx.t, date, items));
  const early = localTime(ctx.now, env.TIMEZONE) < env.DIGEST_TIME;
  ctx.startConversation(LATE_DIGEST_FLOW, 'confirm', { date } satisfies Pending as unknown as Record<string, unknown>, CONFIRM_TTL_MS);
  ctx.reply({
    lines: [early ? ctx.t.lateDigestEarly({ time: env.DIGEST_TIME }) : '', ctx.t.lateDigestConfirm({ date: display, n: items.length })].filter(Boolean),
    buttons: [
      [
        { label: ctx.t.buttonSend(), data: 'ldg:send', reply: 'GUI' },
        { label: ctx.t.buttonCancel(), data: 'ldg:cancel', reply: 'HUY' },
      ],
    ],
  });
}

async function confirmAnswer(ctx: HandlerContext, text: string): Promise<void> {
  const { date } = ctx.conversation!.data as unknown as Pending;
  const answer = foldForMatch(text).trim();
  if (['huy', 'cancel', 'thoi', 'khong'].includes(answer)) {
    ctx.endConversation();
    return ctx.reply(ctx.t.lateDigestCancelled());
  }
  if (!['gui', 'send', 'gui ngay'].includes(answer)) return ctx.reply(ctx.t.lateDigestAskConfirm());
  ctx.endConversation();
  // A day later the confirmation is for a digest that is no longer "today": ask again.
  if (date !== localDate(ctx.now, ctx.deps.env.TIMEZONE)) return ctx.reply(ctx.t.lateDigestStale());
  const res = await queueDigest(ctx.deps, date, { now: ctx.now, trigger: 'chat' });
  const display = isoToDisplayDate(date);
  if (res.status === 'empty') return ctx.reply(ctx.t.lateDigestNothing({ date: display }));
  if (res.queued === 0 && res.alreadyQueued > 0) {
    return ctx.reply(ctx.t.lateDigestAlreadySent({ date: display, time: formatDateTime(ctx.now, ctx.deps.env.TIMEZONE) }));
  }
  ctx.write(auditQuery(ctx.deps.db, { actorMemberId: ctx.member!.id, action: 'digest_sent', detail: { date, via: 'chat', queued: res.queued, skipped: res.skipped }, at: ctx.now }));
  ctx.reply(ctx.t.lateDigestSent({ date: display, queued: res.queued, skipped: res.skipped }));
}
