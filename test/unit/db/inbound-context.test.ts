// The inbound lookup shared by the events of one turn: one result per input, first contact
// creates the identity exactly as it is stored, and a known person comes with member and
// open conversation.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadInboundContexts } from '../../../db/queries/inbound-context';
import { chatIdentities, conversations } from '../../../db/schema';
import { seedMember } from '../../support/seed';
import { createTempDb, type TempDb } from '../../support/temp-db';

let db: TempDb;
beforeEach(async () => {
  db = await createTempDb();
});
afterEach(() => db.destroy());

const at = new Date('2026-11-21T08:00:00Z');
const input = (platform: 'telegram' | 'zalo', externalId: string) => ({ platform, externalId, chatId: externalId, privateChat: true, clientLang: 'vi', at });

it('creates unknown people in one go, each exactly as the stored row', async () => {
  const out = await loadInboundContexts(db.db, [input('telegram', '1'), input('zalo', '1'), input('telegram', '2')]);
  expect(out.map((o) => [o.identity.platform, o.identity.externalId, o.created])).toEqual([
    ['telegram', '1', true],
    ['zalo', '1', true],
    ['telegram', '2', true],
  ]);
  for (const o of out) {
    const [stored] = await db.db.select().from(chatIdentities).where(eq(chatIdentities.id, o.identity.id));
    expect(o.identity).toEqual(stored);
    expect(o.member).toBeNull();
    expect(o.conversation).toBeNull();
  }
});

it('finds a known person with member and open conversation, and answers repeated inputs alike', async () => {
  const seeded = await seedMember(db.db, { identities: [{ platform: 'telegram', externalId: '77' }] });
  await db.db.insert(conversations).values({ identityId: seeded.identityIds[0]!, flow: 'register', step: 'name', data: {}, expiresAt: new Date(at.getTime() + 60_000), updatedAt: at });
  const out = await loadInboundContexts(db.db, [input('telegram', '77'), input('zalo', '5'), input('telegram', '77')]);
  expect(out[0]!.created).toBe(false);
  const [stored] = await db.db.select().from(chatIdentities).where(eq(chatIdentities.id, seeded.identityIds[0]!));
  expect(out[0]!.identity).toEqual(stored);
  expect(out[0]!.member?.id).toBe(seeded.memberId);
  expect(out[0]!.conversation).toEqual({ flow: 'register', step: 'name', data: {}, expiresAt: new Date(at.getTime() + 60_000) });
  expect(out[2]).toEqual(out[0]);
  expect(out[1]!.created).toBe(true);
  expect(await db.db.$count(chatIdentities)).toBe(2);
});
