// Test data: registered, consenting members with identities, written straight to the database.
import { chatIdentities, members } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Lang, Platform, Role } from '../../src/core/types';

export interface SeedMember {
  name?: string;
  role?: Role;
  lang?: Lang;
  mcnId?: number | null;
  status?: 'active' | 'stopped';
  consent?: boolean;
  /** Identities: platform + external id; lastInboundAt defaults to `at`. */
  /** privateChat: the person opened their private chat with the bot (default true). */
  identities: { platform: Platform; externalId: string; lastInboundAt?: Date | null; privateChat?: boolean }[];
  at?: Date;
}

export async function seedMember(db: Db, m: SeedMember): Promise<{ memberId: number; identityIds: number[] }> {
  const at = m.at ?? new Date('2026-11-20T00:00:00Z');
  const [row] = await db
    .insert(members)
    .values({
      fullName: m.name ?? 'Nguyễn Văn A',
      role: m.role ?? 'creator',
      lang: m.lang ?? 'vi',
      mcnId: m.mcnId ?? null,
      status: m.status ?? 'active',
      registeredAt: at,
      consentAt: m.consent === false ? null : at,
      consentVersion: m.consent === false ? null : 'test',
      createdAt: at,
    })
    .returning({ id: members.id });
  const identityIds: number[] = [];
  for (const i of m.identities) {
    const [id] = await db
      .insert(chatIdentities)
      .values({
        platform: i.platform,
        externalId: i.externalId,
        chatId: i.externalId,
        memberId: row!.id,
        lastInboundAt: i.lastInboundAt === undefined ? at : i.lastInboundAt,
        privateChatAt: i.privateChat === false ? null : at,
        createdAt: at,
      })
      .returning({ id: chatIdentities.id });
    identityIds.push(id!.id);
  }
  return { memberId: row!.id, identityIds };
}
