// /thongbao (officials): preview exactly as members will see it, audience and counts per platform,
// then GUI within 10 minutes sends it, HUY (or /thoat, or silence) drops it. The pending preview is
// an `announcements` row with status `draft` and an expiry (not a conversation): the official can
// keep chatting meanwhile, and an expired preview gets its own clear answer. Briefings (/hop)
// reuse the same preview and confirmation.
import {
  cancelOtherDraftsQuery,
  closeDraftQuery,
  getAnnouncement,
  insertDraftAnnouncement,
  latestAnnouncementOf,
  type AnnouncementRow,
} from '../../../db/queries/announcements';
import type { AnnouncementAudience } from '../../../db/schema';
import type { HandlerContext } from '../commands/handler-context';
import type { Registry } from '../commands/registry';
import { foldForMatch } from '../text/fold';
import { formatDateTime } from '../time';
import type { Line, OutboundMessage } from '../types';
import { announcementMessage } from '../use-cases/announcement-messages';
import {
  audienceErrorText,
  countAudience,
  describeAudience,
  resolveAudience,
  splitAudiencePrefix,
} from '../use-cases/announcement-audience';
import { confirmAnnouncement } from '../use-cases/confirm-announcement';

/** How long a preview can be confirmed with GUI. */
export const PREVIEW_TTL_MS = 10 * 60_000;

const SEND_WORDS = new Set(['gui', 'send']);
const CANCEL_WORDS = new Set(['huy', 'huybo', 'cancel']);

export function registerAnnouncements(registry: Registry): void {
  registry.commands.set('thongbao', announceCommand);
  // Telegram buttons under a preview: ann:send:<id> / ann:cancel:<id> (Zalo buttons send GUI / HUY).
  registry.callbacks.set('ann', async (ctx, data) => {
    const m = /^(send|cancel):(\d+)$/.exec(data);
    if (!m || ctx.role !== 'official' || !ctx.member) return;
    await decide(ctx, m[1] as 'send' | 'cancel', Number(m[2]));
  });
  registry.textHandlers.push(async (ctx) => {
    if (ctx.role !== 'official' || !ctx.member) return false;
    const word = foldForMatch(ctx.msg.text).replace(/[^\p{L}\p{N}]/gu, '');
    if (SEND_WORDS.has(word)) await decide(ctx, 'send', null);
    else if (CANCEL_WORDS.has(word)) await decide(ctx, 'cancel', null);
    else return false;
    return true;
  });
  // "cancel" is also an alias of /thoat: outside a conversation it drops a pending preview.
  const leave = registry.commands.get('thoat');
  registry.commands.set('thoat', async (ctx, args) => {
    if (!ctx.conversation && ctx.role === 'official' && ctx.member && (await pendingDraft(ctx))) return decide(ctx, 'cancel', null);
    if (leave) return leave(ctx, args);
    ctx.reply(ctx.t.noConversation());
  });
}

async function announceCommand(ctx: HandlerContext, args: string): Promise<void> {
  if (!ctx.member) return ctx.reply(ctx.t.officialsOnly());
  const { tokens, rest } = splitAudiencePrefix(args);
  if (!rest) return ctx.reply(ctx.t.announceUsage());
  const audience = await resolveAudience(ctx.deps.db, tokens);
  if (!audience.ok) return ctx.reply(audienceErrorText(ctx.t, audience));
  await replyWithPreview(ctx, {
    kind: 'announcement',
    text: rest,
    audience: audience.audience,
    memberMessage: (t) => announcementMessage(t, rest),
  });
}

/**
 * Stores the draft and answers with the member message exactly as it will go out, then the
 * audience, the counts per platform (Zalo split by the 7-day window) and GUI / HUY.
 */
export async function replyWithPreview(
  ctx: HandlerContext,
  input: {
    kind: 'announcement' | 'briefing';
    text: string;
    audience: AnnouncementAudience;
    briefingId?: number;
    memberMessage: (t: HandlerContext['t']) => OutboundMessage;
  },
): Promise<AnnouncementRow> {
  const { db } = ctx.deps;
  const member = ctx.member!;
  const counts = await countAudience(db, input.audience, ctx.now);
  const draft = await insertDraftAnnouncement(db, {
    kind: input.kind,
    briefingId: input.briefingId ?? null,
    createdByMemberId: member.id,
    text: input.text,
    audience: input.audience,
    previewCounts: counts,
    sourceEventKey: ctx.msg.eventKey,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + PREVIEW_TTL_MS),
  });
  ctx.write(cancelOtherDraftsQuery(db, member.id, draft.id, ctx.now));

  ctx.reply(input.memberMessage(ctx.t));
  const t = ctx.t;
  const lines: Line[] = [t.announcePreviewIntro()];
  if (input.kind === 'announcement') lines.push([{ text: t.announcePreviewTitle({ id: draft.id }), bold: true }]);
  lines.push(
    t.previewAudience({ audience: describeAudience(t, input.audience) }),
    t.previewTotal({ members: counts.members }),
    t.previewTelegram({ n: counts.telegram, noPrivateChat: counts.telegramNoPrivateChat ?? 0 }),
    t.previewZalo({ reachable: counts.zaloReachable, outside: counts.zaloOutsideWindow }),
  );
  if ((counts.telegramNoPrivateChat ?? 0) > 0) lines.push(t.previewTelegramNote());
  if (counts.zaloOutsideWindow > 0) lines.push(t.previewZaloNote());
  if (counts.members === 0) lines.push(t.previewNobody());
  lines.push('', [{ text: t.previewConfirm(), bold: true }]);
  ctx.reply({
    lines,
    buttons: [
      [
        { label: t.buttonSend(), data: `ann:send:${draft.id}`, reply: 'GUI' },
        { label: t.buttonCancel(), data: `ann:cancel:${draft.id}`, reply: 'HUY' },
      ],
    ],
  });
  return draft;
}

/** The member's draft that can still be confirmed, if any. */
async function pendingDraft(ctx: HandlerContext): Promise<AnnouncementRow | null> {
  const latest = await latestAnnouncementOf(ctx.deps.db, ctx.member!.id);
  return latest?.status === 'draft' && latest.expiresAt.getTime() > ctx.now.getTime() ? latest : null;
}

/** GUI / HUY for the member's latest preview (or the one a button names). */
async function decide(ctx: HandlerContext, action: 'send' | 'cancel', id: number | null): Promise<void> {
  const { db, env } = ctx.deps;
  const member = ctx.member!;
  const ann = id == null ? await latestAnnouncementOf(db, member.id) : await getAnnouncement(db, id);
  const t = ctx.t;
  if (!ann || ann.createdByMemberId !== member.id || ann.status === 'cancelled') return ctx.reply(t.announceNothingPending());
  const at = (d: Date | null) => formatDateTime(d ?? ctx.now, env.TIMEZONE);
  // Each kind speaks of itself with its own number (issue 19): a briefing invitation by its
  // briefing's number, never by the announcement row that carries it.
  const briefingId = ann.kind === 'briefing' && ann.briefingId != null ? ann.briefingId : null;
  if (ann.status === 'sent') {
    if (briefingId != null) {
      return ctx.reply(action === 'send' ? t.briefingAlreadySent({ id: briefingId, time: at(ann.sentAt) }) : t.briefingCannotRecall({ id: briefingId }));
    }
    return ctx.reply(action === 'send' ? t.announceAlreadySent({ id: ann.id, time: at(ann.sentAt) }) : t.announceCannotRecall({ id: ann.id }));
  }
  if (ann.status === 'expired' || ann.expiresAt.getTime() <= ctx.now.getTime()) {
    ctx.write(closeDraftQuery(db, ann.id, 'expired', ctx.now));
    return ctx.reply(briefingId != null ? t.briefingDraftExpired({ id: briefingId, time: at(ann.expiresAt) }) : t.announceExpired({ id: ann.id, time: at(ann.expiresAt) }));
  }
  if (action === 'cancel') {
    ctx.write(closeDraftQuery(db, ann.id, 'cancelled', ctx.now));
    return ctx.reply(briefingId != null ? t.cancelDraftDone({ id: briefingId }) : t.announceCancelled({ id: ann.id }));
  }

  const result = await confirmAnnouncement(ctx.deps, ann, member.id, ctx.now);
  if (!result.ok) {
    const briefingId = ann.briefingId ?? ann.id;
    return ctx.reply(result.reason === 'briefing_started' ? t.briefingStartedBeforeSend({ id: briefingId }) : t.announceNothingPending());
  }
  const c = result.counts;
  const head =
    ann.kind === 'briefing' ? t.briefingSent({ id: result.briefingId!, members: c.members }) : t.announceSent({ id: ann.id, members: c.members });
  ctx.reply([head, t.announceSentCounts({ telegram: c.telegram, telegramNoPrivateChat: c.telegramNoPrivateChat ?? 0, zaloReachable: c.zaloReachable, zaloOutside: c.zaloOutsideWindow })].join('\n'));
}
