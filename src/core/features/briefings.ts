// Briefings: /hop creates one (preview + GUI, like /thongbao), /hop huy <id> cancels it, members
// answer with the Telegram buttons (rsvp:<id>:yes|no) or by typing thamdu <id> / khong <id> (what
// the Zalo buttons send), and /lich lists the upcoming ones with the member's own answer (officials:
// the counts). Reminders are the `reminders` job (src/jobs/reminders-job.ts).
import {
  answerCounts,
  answersOfMember,
  countAudienceWithoutAnswer,
  getBriefing,
  insertDraftBriefing,
  upcomingBriefings,
  upsertRsvpQuery,
  type RsvpAnswer,
} from '../../../db/queries/briefings';
import type { HandlerContext } from '../commands/handler-context';
import type { Registry } from '../commands/registry';
import type { Line } from '../types';
import { briefingInviteMessage, formatWhen, rsvpButtons } from '../use-cases/announcement-messages';
import { audienceErrorText, isInAudience, resolveAudience, splitAudiencePrefix } from '../use-cases/announcement-audience';
import { parseBriefingId, parseBriefingInput, parseCancelArgs } from '../use-cases/briefing-input';
import { cancelBriefing } from '../use-cases/cancel-briefing';
import { replyWithPreview } from './announcements';

/** How many upcoming briefings /lich shows. */
const LICH_LIMIT = 10;

export function registerBriefings(registry: Registry): void {
  registry.commands.set('hop', briefingCommand);
  registry.commands.set('lich', listCommand);
  registry.commands.set('thamdu', (ctx, args) => answer(ctx, args, 'yes'));
  registry.commands.set('khongthamdu', (ctx, args) => answer(ctx, args, 'no'));
  registry.callbacks.set('rsvp', async (ctx, data) => {
    const m = /^(\d+):(yes|no)$/.exec(data);
    if (!m) return;
    if (!ctx.member?.registeredAt && ctx.role !== 'official') return ctx.reply(ctx.t.notRegistered());
    await answer(ctx, m[1]!, m[2] as RsvpAnswer);
  });
}

async function briefingCommand(ctx: HandlerContext, args: string): Promise<void> {
  if (!ctx.member) return ctx.reply(ctx.t.officialsOnly());
  const t = ctx.t;
  const tz = ctx.deps.env.TIMEZONE;
  const cancelId = parseCancelArgs(args);
  if (cancelId != null) return cancelCommand(ctx, cancelId);

  const { tokens, rest } = splitAudiencePrefix(args);
  if (!rest) return ctx.reply(t.briefingUsage());
  const input = parseBriefingInput(rest, ctx.now, tz);
  if (!input.ok) {
    let why: string;
    if (input.error === 'when') why = t.briefingBadWhen({ given: input.given });
    else if (input.error === 'past') why = t.briefingInPast({ when: formatWhen(t, input.startsAt, tz) });
    else if (input.error === 'title') why = t.briefingTitleLength();
    else if (input.error === 'place') why = t.briefingPlaceLength();
    else why = t.briefingBadFormat();
    return ctx.reply(`${why}\n\n${t.briefingUsage()}`);
  }
  const audience = await resolveAudience(ctx.deps.db, tokens);
  if (!audience.ok) return ctx.reply(audienceErrorText(t, audience));

  const b = await insertDraftBriefing(ctx.deps.db, {
    title: input.title,
    startsAt: input.startsAt,
    place: input.place,
    audience: audience.audience,
    createdByMemberId: ctx.member.id,
    sourceEventKey: ctx.msg.eventKey,
    createdAt: ctx.now,
  });
  await replyWithPreview(ctx, {
    kind: 'briefing',
    text: b.title,
    audience: b.audience,
    briefingId: b.id,
    memberMessage: (tt) => briefingInviteMessage(tt, b, tz),
  });
}

async function cancelCommand(ctx: HandlerContext, idText: string): Promise<void> {
  const t = ctx.t;
  const id = parseBriefingId(idText);
  if (id == null) return ctx.reply(t.cancelNotFound({ id: idText }));
  const r = await cancelBriefing(ctx.deps, { id, actorMemberId: ctx.member!.id, now: ctx.now });
  if (!r.ok) {
    if (r.reason === 'not_found') return ctx.reply(t.cancelNotFound({ id: idText }));
    return ctx.reply(r.reason === 'already_cancelled' ? t.cancelAlready({ id }) : t.cancelStarted({ id }));
  }
  ctx.reply(r.wasDraft ? t.cancelDraftDone({ id }) : t.cancelDone({ id, title: r.briefing.title, n: r.notified }));
}

/** thamdu <id> / khong <id> / a button: records or changes the answer until the start. */
async function answer(ctx: HandlerContext, idText: string, value: RsvpAnswer): Promise<void> {
  const t = ctx.t;
  const member = ctx.member;
  if (!member) return ctx.reply(t.notRegistered());
  const id = parseBriefingId(idText);
  if (id == null) return ctx.reply(t.rsvpUsage());
  const b = await getBriefing(ctx.deps.db, id);
  // Outside the audience the code is simply not valid: nothing of the briefing (its title, whether
  // it exists, was cancelled or started) is told (SPEC §6).
  if (!b || b.status === 'draft' || !isInAudience(b.audience, member)) return ctx.reply(t.rsvpNotFound({ id: String(id) }));
  if (b.status === 'cancelled') return ctx.reply(t.rsvpBriefingCancelled({ title: b.title }));
  if (b.startsAt.getTime() <= ctx.now.getTime()) return ctx.reply(t.rsvpClosed({ title: b.title }));
  ctx.write(upsertRsvpQuery(ctx.deps.db, { briefingId: id, memberId: member.id, answer: value, platform: ctx.msg.platform, at: ctx.now }));
  ctx.reply(
    value === 'yes'
      ? t.rsvpYesConfirmed({ title: b.title, when: formatWhen(t, b.startsAt, ctx.deps.env.TIMEZONE), id })
      : t.rsvpNoConfirmed({ title: b.title, id }),
  );
}

/** /lich: upcoming briefings with time, place and the member's answer; officials see the counts. */
async function listCommand(ctx: HandlerContext): Promise<void> {
  const { db, env } = ctx.deps;
  const t = ctx.t;
  const member = ctx.member;
  if (!member) return ctx.reply(t.notRegistered());
  const official = ctx.role === 'official';
  const list = (await upcomingBriefings(db, ctx.now, LICH_LIMIT)).filter((b) => official || isInAudience(b.audience, member));
  if (list.length === 0) return ctx.reply(t.lichEmpty());
  const ids = list.map((b) => b.id);
  const mine = await answersOfMember(db, member.id, ids);
  const counts = official ? await answerCounts(db, ids) : new Map<number, { yes: number; no: number }>();

  const lines: Line[] = [[{ text: t.lichHeader(), bold: true }]];
  for (const b of list) {
    const invite = briefingInviteMessage(t, b, env.TIMEZONE);
    // The invitation's time and place lines (after its heading), without the code and the question.
    lines.push('', [{ text: t.lichItemTitle({ id: b.id, title: b.title }), bold: true }], invite.lines[1]!, invite.lines[2]!);
    if (official) {
      const c = counts.get(b.id) ?? { yes: 0, no: 0 };
      lines.push(t.lichCounts({ yes: c.yes, no: c.no, none: await countAudienceWithoutAnswer(db, b.id, b.audience) }));
    } else {
      const a = mine.get(b.id);
      lines.push(a === 'yes' ? t.lichYes() : a === 'no' ? t.lichNo() : t.lichNone({ id: b.id }));
    }
  }
  if (!official) lines.push('', t.lichFooter());
  // One upcoming briefing: its answer buttons too (with several, the typed hints say which is which).
  ctx.reply({ lines, ...(list.length === 1 && !official ? { buttons: rsvpButtons(t, list[0]!.id) } : {}) });
}
