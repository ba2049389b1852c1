// Chat identities: find-or-create on every inbound event, and the member behind one.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, members } from '../schema';
import type { Platform } from '../../src/core/types';

export type IdentityRow = typeof chatIdentities.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export async function findIdentity(db: Db, platform: Platform, externalId: string): Promise<IdentityRow | undefined> {
  return db.query.chatIdentities.findFirst({
    where: and(eq(chatIdentities.platform, platform), eq(chatIdentities.externalId, externalId)),
  });
}

export async function findMember(db: Db, memberId: number | null): Promise<MemberRow | undefined> {
  if (memberId == null) return undefined;
  return db.query.members.findFirst({ where: eq(members.id, memberId) });
}

export async function identitiesOfMember(db: Db, memberId: number): Promise<IdentityRow[]> {
  return db.select().from(chatIdentities).where(eq(chatIdentities.memberId, memberId));
}
