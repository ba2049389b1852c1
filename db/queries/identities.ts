// Chat identities: find-or-create on every inbound event, and the member behind one.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { chatIdentities, members } from '../schema';
import type { Platform } from '../../src/core/types';

export type IdentityRow = typeof chatIdentities.$inferSelect;
export type MemberRow = typeof members.$inferSelect;

/**
 * Creates the identity on first contact and records the time of this inbound event (the Zalo
 * 7-day window is measured from it). One statement: an upsert that returns the row.
 */
export async function touchIdentity(
  db: Db,
  input: { platform: Platform; externalId: string; chatId: string; clientLang?: string | undefined; at: Date },
): Promise<IdentityRow> {
  const rows = await db
    .insert(chatIdentities)
    .values({
      platform: input.platform,
      externalId: input.externalId,
      chatId: input.chatId,
      clientLang: input.clientLang ?? null,
      lastInboundAt: input.at,
      createdAt: input.at,
    })
    .onConflictDoUpdate({
      target: [chatIdentities.platform, chatIdentities.externalId],
      set: {
        lastInboundAt: sql`max(coalesce(${chatIdentities.lastInboundAt}, 0), excluded.last_inbound_at)`,
        clientLang: sql`coalesce(excluded.client_lang, ${chatIdentities.clientLang})`,
      },
    })
    .returning();
  return rows[0]!;
}

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
