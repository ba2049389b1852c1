// At start, the officials listed in OFFICIALS get an identity and an official member (idempotent).
import { and, eq, isNull } from 'drizzle-orm';
import { chatIdentities, members, auditLog } from '../../../db/schema';
import type { CoreDeps } from '../context';

export async function ensureOfficials(deps: CoreDeps): Promise<number> {
  const { db } = deps;
  const now = deps.clock.now();
  let created = 0;
  for (const o of deps.env.OFFICIALS) {
    const existing = await db.query.chatIdentities.findFirst({
      where: and(eq(chatIdentities.platform, o.platform), eq(chatIdentities.externalId, o.externalId)),
    });
    if (existing?.memberId != null) {
      // Already a member: make sure the role is official (configuration wins).
      await db
        .update(members)
        .set({ role: 'official', updatedAt: now })
        .where(and(eq(members.id, existing.memberId)));
      continue;
    }
    const [m] = await db.insert(members).values({ role: 'official', createdAt: now, updatedAt: now }).returning({ id: members.id });
    if (existing) {
      await db.update(chatIdentities).set({ memberId: m!.id }).where(and(eq(chatIdentities.id, existing.id), isNull(chatIdentities.memberId)));
    } else {
      await db
        .insert(chatIdentities)
        .values({ platform: o.platform, externalId: o.externalId, chatId: o.externalId, memberId: m!.id, createdAt: now })
        .onConflictDoNothing();
    }
    await db.insert(auditLog).values({ action: 'official_from_config', targetMemberId: m!.id, detail: { platform: o.platform }, at: now });
    created++;
  }
  return created;
}
