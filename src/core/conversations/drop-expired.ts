// Conversations left silent past their expiry are dropped by a job, with their flow's drop hook
// (registration forgets the summary it showed), so unfinished answers do not linger.
import { lte } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { conversations } from '../../../db/schema';
import type { Write } from '../commands/handler-context';
import type { Registry } from '../commands/registry';
import { deleteConversationQuery } from './conversation-store';

export async function dropExpiredConversations(db: Db, registry: Registry, now: Date): Promise<number> {
  const expired = await db
    .select({ identityId: conversations.identityId, flow: conversations.flow })
    .from(conversations)
    .where(lte(conversations.expiresAt, now))
    .limit(500);
  if (expired.length === 0) return 0;
  const writes: Write[] = [];
  for (const c of expired) {
    writes.push(deleteConversationQuery(db, c.identityId), ...(registry.dropHooks.get(c.flow)?.(db, c.identityId) ?? []));
  }
  await db.batch(writes as [Write, ...Write[]]);
  return expired.length;
}
