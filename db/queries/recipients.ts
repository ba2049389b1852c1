// Who receives pushes (digest, announcements): registered, consenting, not stopped members, on
// every platform identity they have that has not unfollowed. One row per (member, identity).
import { and, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, members } from '../schema';
import type { Lang, Platform, Role } from '../../src/core/types';

export interface Recipient {
  memberId: number;
  identityId: number;
  platform: Platform;
  chatId: string;
  lang: Lang;
  role: Role;
  mcnId: number | null;
  lastInboundAt: Date | null;
  /** When the person opened their private chat with the bot (Telegram pushes need it). */
  privateChatAt: Date | null;
}

const recipientColumns = {
  memberId: members.id,
  identityId: chatIdentities.id,
  platform: chatIdentities.platform,
  chatId: chatIdentities.chatId,
  lang: members.lang,
  role: members.role,
  mcnId: members.mcnId,
  lastInboundAt: chatIdentities.lastInboundAt,
  privateChatAt: chatIdentities.privateChatAt,
};

export interface RecipientFilter {
  roles?: Role[];
  mcnId?: number;
  memberIds?: number[];
}

/** Who may receive pushes (registered, consenting, active, not unfollowed), narrowed by a filter. */
export function recipientConds(filter: RecipientFilter = {}): SQL[] {
  const conds: SQL[] = [
    eq(members.status, 'active'),
    isNotNull(members.registeredAt),
    isNotNull(members.consentAt),
    isNull(chatIdentities.unfollowedAt),
  ];
  if (filter.roles?.length) conds.push(inArray(members.role, filter.roles));
  if (filter.mcnId != null) conds.push(eq(members.mcnId, filter.mcnId));
  if (filter.memberIds) conds.push(filter.memberIds.length ? inArray(members.id, filter.memberIds) : sql`0`);
  return conds;
}

export async function pushRecipients(db: Db, filter: RecipientFilter = {}): Promise<Recipient[]> {
  const conds = recipientConds(filter);
  const rows = await db
    .select(recipientColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(and(...conds))
    .orderBy(members.id, chatIdentities.id);
  return rows;
}

/** Officials' identities (for summaries and notices), registered or from configuration. */
export async function officialRecipients(db: Db): Promise<Recipient[]> {
  return db
    .select(recipientColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(and(eq(members.role, 'official'), eq(members.status, 'active'), isNull(chatIdentities.unfollowedAt)))
    .orderBy(members.id, chatIdentities.id);
}

/**
 * Zalo push recipients whose 7-day window is still open but closes before `closesBefore` (their
 * last interaction is in (`insideAfter`, `lastBefore`]), who did not turn renewal lines off and
 * were not sent one since `sentBefore` (SPEC §4: at most once in 5 days).
 */
export async function zaloRenewalCandidates(db: Db, opts: { insideAfter: Date; lastBefore: Date; sentBefore: Date }): Promise<Recipient[]> {
  return db
    .select(recipientColumns)
    .from(members)
    .innerJoin(chatIdentities, eq(chatIdentities.memberId, members.id))
    .where(
      and(
        ...recipientConds(),
        eq(chatIdentities.platform, 'zalo'),
        eq(chatIdentities.renewalOff, false),
        sql`${chatIdentities.lastInboundAt} > ${opts.insideAfter.getTime()}`,
        sql`${chatIdentities.lastInboundAt} <= ${opts.lastBefore.getTime()}`,
        sql`(${chatIdentities.renewalSentAt} IS NULL OR ${chatIdentities.renewalSentAt} <= ${opts.sentBefore.getTime()})`,
      ),
    )
    .orderBy(chatIdentities.id);
}

/** The renewal line was queued for these identities at `at`. */
export function markRenewalSentQuery(db: Db, identityIds: number[], at: Date) {
  return db.update(chatIdentities).set({ renewalSentAt: at }).where(inArray(chatIdentities.id, identityIds));
}

/** `/ngung nhac` (off) and `/tieptuc nhac` (on) for every Zalo identity of a member. */
export function setRenewalOffQuery(db: Db, memberId: number, off: boolean) {
  return db
    .update(chatIdentities)
    .set({ renewalOff: off })
    .where(and(eq(chatIdentities.memberId, memberId), eq(chatIdentities.platform, 'zalo')));
}
