// /trogiup as each role reads it (issue 19): officials see every command of theirs with its
// syntax, /thongke is described for what it shows to that role, and no line is repeated.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { seedMember } from '../support/seed';
import { vi } from '../../src/i18n/vi';
import { lastReply, telegramChat } from './members-helpers';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ env: { OFFICIALS: 'telegram:9001' } });
});
afterEach(async () => {
  await h.close();
});

const repeated = (text: string) => {
  const lines = text.split('\n').filter((l) => l.trim());
  return lines.filter((l, i) => lines.indexOf(l) !== i);
};

describe('/trogiup', () => {
  it('lists every official command with its syntax to an official, once each', async () => {
    const help = lastReply(await telegramChat(h, 9001).say('/trogiup'));
    for (const syntax of [
      '/them <link>',
      '/thongbao [@mcn:<mã MCN> | @creator | @mcn_lead] <nội dung>',
      '/hop [@mcn:<mã MCN>',
      '/hop huy <mã>',
      '/chiendich dong <mã hoặc #hashtag>',
      '/xuat <#hashtag hoặc mã>',
      '/capquyen <mã thành viên hoặc số điện thoại> official|mcn_lead [mã MCN]',
      '/duyet <mã thành viên>',
      '/web',
    ]) {
      expect(help).toContain(syntax);
    }
    expect(help).toContain(`/thongke: ${vi.helpStats.official}`);
    expect(repeated(help)).toEqual([]);
  });

  it('describes /thongke to a creator as their own posts, without the officials commands', async () => {
    await seedMember(h.db.db, { name: 'Trần Văn Bình', identities: [{ platform: 'telegram', externalId: '9101' }], at: h.clock.now() });
    const help = lastReply(await telegramChat(h, 9101).say('Trợ giúp'));
    expect(help).toContain(`/thongke: ${vi.helpStats.creator}`);
    expect(help).not.toContain('/capquyen');
    expect(repeated(help)).toEqual([]);
  });
});
