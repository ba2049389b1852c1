// Conversation rows: one open conversation per identity, expiring after silence (24 h default).
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conversations } from '../../../db/schema';

export type ConversationRow = typeof conversations.$inferSelect;
export const CONVERSATION_TTL_MS = 24 * 3600_000;

export async function loadConversation(db: Db, identityId: number): Promise<ConversationRow | null> {
  const row = await db.query.conversations.findFirst({ where: eq(conversations.identityId, identityId) });
  return row ?? null;
}

export function upsertConversationQuery(
  db: Db,
  input: { identityId: number; flow: string; step: string; data: Record<string, unknown>; now: Date; ttlMs: number },
) {
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  return db
    .insert(conversations)
    .values({ identityId: input.identityId, flow: input.flow, step: input.step, data: input.data, expiresAt, updatedAt: input.now })
    .onConflictDoUpdate({
      target: conversations.identityId,
      set: { flow: input.flow, step: input.step, data: input.data, expiresAt, updatedAt: input.now },
    });
}

export function deleteConversationQuery(db: Db, identityId: number) {
  return db.delete(conversations).where(eq(conversations.identityId, identityId));
}
