// Chat identities and the member behind them (the hot lookup is in inbound-context.ts).
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, members } from '../schema';

export type IdentityRow = typeof chatIdentities.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

export async function findMember(db: Db, memberId: number | null): Promise<MemberRow | undefined> {
  if (memberId == null) return undefined;
  return db.query.members.findFirst({ where: eq(members.id, memberId) });
}

export async function identitiesOfMember(db: Db, memberId: number): Promise<IdentityRow[]> {
  return db.select().from(chatIdentities).where(eq(chatIdentities.memberId, memberId));
}
