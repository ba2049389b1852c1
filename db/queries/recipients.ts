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
