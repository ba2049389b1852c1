// /lienket: a member gets a one-time 6-digit code (only its hash is stored, valid 10 minutes);
// the same person sends it from the other platform and that identity joins the member.
// 5 wrong codes within 10 minutes lock linking for the sending identity for an hour.
import { z } from 'zod';
import { findMember, identitiesOfMember } from '../../../db/queries/identities';
import {
  auditQuery,
  findLinkCodeByHash,
  liveLinkCodeExists,
  recordLinkFailureQuery,
  replaceLinkCodeQueries,
  retireEmptyMemberQuery,
  useLinkCodeQueries,
} from '../../../db/queries/members';
import { messagesFor } from '../../i18n';
import type { HandlerContext } from '../commands/handler-context';
import { REGISTRATION_FLOW } from '../features/members/registration';
import { formatDateTime } from '../time';
import type { Platform } from '../types';

export const LINK_CODE_TTL_MS = 10 * 60_000;
export const LINK_MAX_FAILURES = 5;
export const LINK_FAILURE_WINDOW_MS = 10 * 60_000;
export const LINK_LOCK_MS = 3600_000;

/** Hex SHA-256 of the code (Web Crypto: runs on Node and Workers). */
export async function hashLinkCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`loa-link:${code}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A uniformly random 6-digit code (rejection sampling keeps every code equally likely). */
export function randomLinkCode(): string {
  const buf = new Uint32Array(1);
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0]! < limit) return String(buf[0]! % 1_000_000).padStart(6, '0');
  }
}

const otherPlatform = (p: Platform): string => (p === 'zalo' ? 'Telegram' : 'Zalo');

/** `/lienket` without a code: issue a new code for the member (an older unused code stops working). */
export async function issueLinkCode(ctx: HandlerContext): Promise<void> {
  const member = ctx.member;
  if (!member) return ctx.reply(ctx.t.linkNeedsRegistration());
  let code = randomLinkCode();
  let hash = await hashLinkCode(code);
  // Two live codes must never be equal (the code alone names the member).
  for (let i = 0; i < 5 && (await liveLinkCodeExists(ctx.deps.db, hash, ctx.now)); i++) {
    code = randomLinkCode();
    hash = await hashLinkCode(code);
  }
  const expiresAt = new Date(ctx.now.getTime() + LINK_CODE_TTL_MS);
  for (const q of replaceLinkCodeQueries(ctx.deps.db, member.id, hash, ctx.now, expiresAt)) ctx.write(q);
  ctx.reply(ctx.t.linkIssued({ code, until: formatDateTime(expiresAt, ctx.deps.env.TIMEZONE), other: otherPlatform(ctx.msg.platform) }));
}

const CodeSchema = z
  .string()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{6}$/));

/** `/lienket <code>` from the identity to join. */
export async function linkIdentity(ctx: HandlerContext, rawCode: string): Promise<void> {
  const { db } = ctx.deps;
  const { identity, now } = ctx;
  const tz = ctx.deps.env.TIMEZONE;
  if (identity.linkLockedUntil && identity.linkLockedUntil.getTime() > now.getTime()) {
    return ctx.reply(ctx.t.linkLocked({ until: formatDateTime(identity.linkLockedUntil, tz) }));
  }
  const parsed = CodeSchema.safeParse(rawCode);
  if (!parsed.success) return ctx.reply(ctx.t.linkMalformed());

  const row = await findLinkCodeByHash(db, await hashLinkCode(parsed.data));
  if (!row) return recordFailure(ctx);
  if (row.usedAt) return ctx.reply(ctx.t.linkUsed());
  if (row.expiresAt.getTime() <= now.getTime()) return ctx.reply(ctx.t.linkExpired());
  if (identity.memberId === row.memberId) return ctx.reply(ctx.t.linkAlreadySame());

  const target = await findMember(db, row.memberId);
  if (!target || target.status === 'deleted') return ctx.reply(ctx.t.linkExpired());
  // The sending identity must not belong to anyone else: a registered member, an official (a
  // configured one included, registered or not). Linking never changes a role (SPEC §6).
  const configured = ctx.deps.env.OFFICIALS.some((o) => o.platform === identity.platform && o.externalId === identity.externalId);
  const own = await findMember(db, identity.memberId);
  const ownLive = own && own.status !== 'deleted' ? own : null;
  if (configured || ownLive?.role === 'official') return ctx.reply(ctx.t.linkOfficialIdentity());
  if (ownLive?.registeredAt) return ctx.reply(ctx.t.linkOwnMember());
  const theirs = await identitiesOfMember(db, target.id);
  if (theirs.some((i) => i.platform === identity.platform)) return ctx.reply(ctx.t.linkPlatformTaken({ platform: identity.platform }));

  for (const q of useLinkCodeQueries(db, row, identity.id, now)) ctx.write(q);
  // An unregistered row left behind by the identity (nothing personal in it) is retired.
  if (ownLive) ctx.write(retireEmptyMemberQuery(db, ownLive.id, now));
  if (ctx.conversation?.flow === REGISTRATION_FLOW) ctx.endConversation();
  ctx.write(
    auditQuery(db, {
      actorMemberId: target.id,
      action: 'identity_linked',
      targetMemberId: target.id,
      detail: { platform: identity.platform, identityId: identity.id, previousMemberId: ownLive?.id ?? null },
      at: now,
    }),
  );
  const t = messagesFor(target.lang);
  ctx.reply(t.linkDone({ memberId: target.id }));
  for (const other of theirs) {
    ctx.enqueue({
      idempotencyKey: `link:${ctx.msg.eventKey}:${other.id}`,
      ref: 'link',
      platform: other.platform,
      chatId: other.chatId,
      identityId: other.id,
      memberId: target.id,
      message: { lines: [t.linkNotice({ platform: identity.platform })] },
    });
  }
}

/** A wrong code: count it in the 10-minute window; the 5th locks linking for an hour. */
function recordFailure(ctx: HandlerContext): void {
  const { identity, now } = ctx;
  const since = identity.linkFailSince;
  const inWindow = since && now.getTime() - since.getTime() < LINK_FAILURE_WINDOW_MS;
  const count = inWindow ? identity.linkFailCount + 1 : 1;
  if (count >= LINK_MAX_FAILURES) {
    const lockedUntil = new Date(now.getTime() + LINK_LOCK_MS);
    ctx.write(recordLinkFailureQuery(ctx.deps.db, identity.id, { count: 0, since: now, lockedUntil }));
    ctx.deps.log.info('link locked after wrong codes', { identityId: identity.id });
    return ctx.reply(ctx.t.linkLocked({ until: formatDateTime(lockedUntil, ctx.deps.env.TIMEZONE) }));
  }
  ctx.write(recordLinkFailureQuery(ctx.deps.db, identity.id, { count, since: inWindow ? since : now, lockedUntil: null }));
  ctx.reply(ctx.t.linkWrong({ left: LINK_MAX_FAILURES - count }));
}
