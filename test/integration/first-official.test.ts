// The first official without knowing any id (SPEC §9): a setup code printed by the server or by
// `npm run officials -- setup-code`, claimed with /quantri in a private chat; single use, 24 h,
// audited; and `npm run officials -- list | add | remove` on the same database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { nextUpdateId, startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { auditLog, chatIdentities, members } from '../../db/schema';
import { issueSetupCode, SETUP_CODE_TTL_MS } from '../../src/core/use-cases/setup-code';
import { setup as vi } from '../../src/i18n/vi/setup';
import { telegramChat, zaloChat } from './members-helpers';
import { runScript } from '../support/spawn';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const roleOf = async (platform: 'telegram' | 'zalo', externalId: string) => {
  const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, externalId));
  expect(i?.platform).toBe(platform);
  if (i?.memberId == null) return null;
  return (await h.db.db.select().from(members).where(eq(members.id, i.memberId)))[0]?.role ?? null;
};
const officials = () => runScript('scripts/officials.ts', ['list'], { DATABASE_URL: h.db.url });

function tgGroupText(userId: number, chatId: number, text: string) {
  const id = nextUpdateId();
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, title: 'Nhóm', type: 'supergroup' },
      from: { id: userId, is_bot: false, first_name: 'Minh', language_code: 'vi' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }],
    },
  };
}

describe('/quantri with a setup code', () => {
  it('makes the first sender an official (audited) and refuses a second person with the same code', async () => {
    const { code } = await issueSetupCode(h.db.db, h.clock.now());
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const first = telegramChat(h, 7101);
    // Lower case and without the dash is the same code.
    expect((await first.say(`/quantri ${code.toLowerCase().replace('-', ' ')}`)).at(-1)).toBe(vi.setupDone());
    expect(await roleOf('telegram', '7101')).toBe('official');
    const audit = await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'first_official_claimed'));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.targetMemberId).not.toBeNull();
    // The new official can use official commands.
    expect((await first.say('/web')).join('\n')).toContain('/console/login');

    const second = zaloChat(h, '8101');
    expect((await second.say(`quantri ${code}`)).at(-1)).toBe(vi.setupHasOfficial());
    expect(await roleOf('zalo', '8101')).not.toBe('official');
    expect(await h.db.db.select().from(auditLog).where(eq(auditLog.action, 'first_official_claimed'))).toHaveLength(1);
    // Never the code in the logs.
    expect(h.logs.join('\n')).not.toContain(code);
  });

  it('is single use even when no official is left, and expires after 24 h', async () => {
    const { code } = await issueSetupCode(h.db.db, h.clock.now());
    expect((await telegramChat(h, 7201).say(`/claim ${code}`)).at(-1)).toBe(vi.setupDone());
    const [i] = await h.db.db.select().from(chatIdentities).where(eq(chatIdentities.externalId, '7201'));
    const removed = await runScript('scripts/officials.ts', ['remove', String(i!.memberId)], { DATABASE_URL: h.db.url });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`#${i!.memberId} is no longer an official`);
    expect((await officials()).stdout).toContain('No officials yet');

    expect((await telegramChat(h, 7202).say(`/quantri ${code}`)).at(-1)).toBe(vi.setupRefused());
    expect(await roleOf('telegram', '7202')).toBeNull();

    const fresh = await issueSetupCode(h.db.db, h.clock.now());
    h.clock.advance(SETUP_CODE_TTL_MS + 1000);
    expect((await telegramChat(h, 7202).say(`/quantri ${fresh.code}`)).at(-1)).toBe(vi.setupRefused());
    expect((await telegramChat(h, 7202).say('/quantri')).at(-1)).toBe(vi.setupUsage());
    expect((await telegramChat(h, 7202).say('/quantri ABCD-EFGH')).at(-1)).toBe(vi.setupRefused());
    expect(await roleOf('telegram', '7202')).toBeNull();
  }, 60_000);

  it('a new code replaces the old one; a registered member keeps their data', async () => {
    const { memberId } = await seedMember(h.db.db, { role: 'mcn_lead', identities: [{ platform: 'telegram', externalId: '7301' }] });
    const old = await issueSetupCode(h.db.db, h.clock.now());
    const now = await issueSetupCode(h.db.db, h.clock.now());
    expect((await telegramChat(h, 7301).say(`/quantri ${old.code}`)).at(-1)).toBe(vi.setupRefused());
    expect((await telegramChat(h, 7301).say(`/quantri ${now.code}`)).at(-1)).toBe(vi.setupDone());
    const [m] = await h.db.db.select().from(members).where(eq(members.id, memberId));
    expect(m!.role).toBe('official');
    expect(m!.fullName).toBe('Nguyễn Văn A');
  });

  it('is not carried out in a group', async () => {
    const { code } = await issueSetupCode(h.db.db, h.clock.now());
    await h.telegram(tgGroupText(7401, -1009988776655, `/quantri ${code}`));
    await h.settle();
    expect(await roleOf('telegram', '7401')).toBeNull();
  });
});

describe('npm run officials', () => {
  it('setup-code prints a code that works; list, add and remove by member number or phone, audited', async () => {
    const printed = await runScript('scripts/officials.ts', ['setup-code'], { DATABASE_URL: h.db.url });
    expect(printed.code).toBe(0);
    const code = /Setup code: ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(printed.stdout)![1]!;
    // The CLI uses the real time; the chat the test clock: claim it at the real time.
    h.clock.set(new Date());
    expect((await zaloChat(h, '8501').say(`/quantri ${code}`)).at(-1)).toBe(vi.setupDone());

    const again = await runScript('scripts/officials.ts', ['setup-code'], { DATABASE_URL: h.db.url });
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('already has 1 official');

    const { memberId } = await seedMember(h.db.db, { name: 'Trần Văn Bình', identities: [{ platform: 'telegram', externalId: '7501' }] });
    await h.db.db.update(members).set({ phone: '+84901234567' }).where(eq(members.id, memberId));
    const added = await runScript('scripts/officials.ts', ['add', '0901 234 567'], { DATABASE_URL: h.db.url });
    expect(added.stdout).toContain(`Member #${memberId} is now an official.`);
    const list = await officials();
    expect(list.stdout).toContain('zalo:8501');
    expect(list.stdout).toContain(`#${memberId}\tTrần Văn Bình\ttelegram:7501`);
    expect((await runScript('scripts/officials.ts', ['remove', `#${memberId}`], { DATABASE_URL: h.db.url })).code).toBe(0);
    expect((await officials()).stdout).not.toContain('7501');
    const actions = (await h.db.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['first_official_claimed', 'official_added_by_operator', 'official_removed_by_operator']));

    const unknown = await runScript('scripts/officials.ts', ['add', '999'], { DATABASE_URL: h.db.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No member 999');
    const usage = await runScript('scripts/officials.ts', ['promote'], { DATABASE_URL: h.db.url });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Usage: npm run officials --');
  }, 120_000);
});
