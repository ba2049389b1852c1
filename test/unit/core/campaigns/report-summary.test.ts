// The one reply to a link report: counts, reasons, short links, the no-campaign hint.
import { describe, expect, it } from 'vitest';
import { reportSummary, MAX_REJECTED_LISTED } from '../../../../src/core/features/campaigns/report-links';
import { parseReportedLinks } from '../../../../src/core/links';
import { messagesFor } from '../../../../src/i18n';
import type { LinkReportPlan } from '../../../../src/core/use-cases/report-links';
import type { CampaignRow } from '../../../../db/queries/campaigns';

const vi = messagesFor('vi');
const en = messagesFor('en');
const campaign = { id: 1, name: 'Mỹ Hồ Chí Minh', hashtags: ['#MyHoChiMinh'] } as CampaignRow;

function plan(text: string, opts: { campaign?: CampaignRow | null; known?: number } = {}): LinkReportPlan {
  const links = parseReportedLinks(text);
  const known = links.accepted.slice(0, opts.known ?? 0);
  const fresh = links.accepted.slice(opts.known ?? 0);
  const c = opts.campaign === undefined ? campaign : opts.campaign;
  return {
    links,
    campaign: c,
    attribution: c ? 'hashtag' : 'none',
    fresh,
    known,
    shared: { campaignId: c?.id ?? 0, memberId: 1, identityId: 1, reporterPlatform: 'telegram', mcnId: null, reportedAt: new Date(0), eventKey: 'tg:1' },
  };
}

describe('reportSummary', () => {
  it('counts 50 links in one short message', () => {
    const text = Array.from({ length: 50 }, (_, i) => `https://www.tiktok.com/@k/video/70000000000000${String(i).padStart(5, '0')}`).join('\n');
    const out = reportSummary(vi, plan(text, { known: 5 }), []);
    expect(out.split('\n')).toEqual([
      '📥 Loa đã nhận link của bạn cho chiến dịch Mỹ Hồ Chí Minh (#MyHoChiMinh):',
      '• Mới: 45 (TikTok 45)',
      '• Đã có từ trước: 5',
    ]);
  });

  it('lists at most 10 rejected links with their reason, and counts the rest', () => {
    const bad = Array.from({ length: 13 }, (_, i) => `http://10.0.0.${i}/x`).join(' ');
    const out = reportSummary(vi, plan(`${bad} https://youtu.be/dQw4w9WgXcQ`), []);
    expect(out).toContain('• Bị từ chối: 13');
    expect(out.match(/địa chỉ IP hoặc localhost/g)).toHaveLength(MAX_REJECTED_LISTED);
    expect(out).toContain('– và 3 link khác');
  });

  it('explains a message with only rejected links', () => {
    const out = reportSummary(vi, plan('ftp://a.vn/x', { campaign: null }), ['#A']);
    expect(out).toBe(['Loa không nhận được link nào trong tin nhắn này:', '   – ftp://a.vn/x: chỉ nhận link http hoặc https'].join('\n'));
  });

  it('mentions short links and, without a campaign, the open hashtags', () => {
    const out = reportSummary(vi, plan('https://vt.tiktok.com/ZSk7aPq3R/', { campaign: null }), ['#MyHoChiMinh', '#AoDai']);
    expect(out).toContain('chưa gắn chiến dịch nào');
    expect(out).toContain('Có 1 link rút gọn');
    expect(out).toContain('mời bạn gửi lại link kèm một trong các hashtag: #MyHoChiMinh #AoDai');
  });

  it('advises sending the links again with a hashtag only when a campaign is open', () => {
    const out = reportSummary(vi, plan('https://vt.tiktok.com/ZSk7aPq3R/', { campaign: null }), []);
    expect(out).toContain(vi.linksNoCampaignHint());
    expect(out).not.toContain('gửi lại');
  });

  it('speaks English to members who chose it', () => {
    const out = reportSummary(en, plan('https://youtu.be/dQw4w9WgXcQ https://youtu.be/dQw4w9WgXcQ?si=x'), []);
    expect(out).toContain('• New: 1 (YouTube 1)');
    expect(out).toContain('Repeated within the message (counted once): 1');
  });
});
