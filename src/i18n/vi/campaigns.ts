// Vietnamese words of campaigns and post links (/chiendich, /baocao, /thongke, /xuat). Source of truth.
import type { LinkPlatform, RejectReason } from '../../core/links';

export interface CampaignLineParams {
  id: number;
  name: string;
  tags: string;
  from: string;
  to: string;
  state: 'running' | 'upcoming' | 'ended' | 'closed';
  posts?: number;
}

export interface StatusCountParams {
  total: number;
  valid: number;
  invalid: number;
  pending: number;
}

const states = { running: 'đang chạy', upcoming: 'sắp diễn ra', ended: 'đã hết hạn', closed: 'đã đóng' } as const;
const counts = (c: StatusCountParams) => `${c.total} bài (hợp lệ ${c.valid}, không hợp lệ ${c.invalid}, chờ duyệt ${c.pending})`;

export const campaigns = {
  // --- /chiendich -------------------------------------------------------------------------------
  campaignUsage: () =>
    [
      'Tạo chiến dịch:',
      '/chiendich <tên> #hashtag [#hashtag khác] | <từ ngày dd/mm/yyyy> | <đến ngày dd/mm/yyyy>',
      'Ví dụ: /chiendich Mỹ Hồ Chí Minh #MyHoChiMinh | 01/12/2026 | 31/12/2026',
      'Đóng chiến dịch: /chiendich dong <mã hoặc #hashtag>',
    ].join('\n'),
  campaignListHeader: () => 'Các chiến dịch đang mở:',
  campaignListEmpty: () => 'Chưa có chiến dịch nào đang mở.',
  campaignLine: (p: CampaignLineParams) =>
    `• [${p.id}] ${p.name} ${p.tags}: ${p.from} – ${p.to}, ${states[p.state]}${p.posts === undefined ? '' : `, ${p.posts} bài`}`,
  campaignCreated: (p: { id: number; name: string; tags: string; from: string; to: string }) =>
    [
      `✅ Đã tạo chiến dịch [${p.id}] ${p.name}`,
      `Hashtag: ${p.tags}`,
      `Thời gian: ${p.from} – ${p.to}`,
      'Thành viên gửi link bài đăng kèm hashtag này để được tính cho chiến dịch.',
    ].join('\n'),
  campaignNeedsThreeParts: () => 'Cần đủ 3 phần, cách nhau bởi dấu |: tên và hashtag | ngày bắt đầu | ngày kết thúc.',
  campaignNeedsHashtag: () => 'Chiến dịch cần ít nhất một hashtag, ví dụ #MyHoChiMinh.',
  campaignBadHashtag: (tag: string) => `Hashtag "${tag}" không hợp lệ: chỉ gồm chữ, số và dấu _, có ít nhất một chữ cái, tối đa 50 ký tự.`,
  campaignTooManyHashtags: (max: number) => `Tối đa ${max} hashtag cho một chiến dịch.`,
  campaignBadName: () => 'Tên chiến dịch cần từ 2 đến 200 ký tự.',
  campaignBadDate: (text: string) => `"${text}" không phải ngày hợp lệ. Hãy viết theo dạng dd/mm/yyyy, ví dụ 01/12/2026.`,
  campaignEndBeforeStart: () => 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.',
  campaignEndsInPast: (today: string) => `Ngày kết thúc đã qua (hôm nay là ${today}). Hãy kiểm tra lại năm.`,
  campaignHashtagTaken: (p: { tag: string; id: number; name: string }) =>
    `Hashtag ${p.tag} đang thuộc chiến dịch [${p.id}] ${p.name} (còn mở). Hãy chọn hashtag khác hoặc đóng chiến dịch đó trước.`,
  campaignNotFound: (ref: string) => `Không tìm thấy chiến dịch "${ref}". Gõ /chiendich để xem danh sách.`,
  campaignClosed: (p: { id: number; name: string }) =>
    `Đã đóng chiến dịch [${p.id}] ${p.name}. Link mới không còn được tính cho chiến dịch này; hashtag của nó có thể dùng lại.`,
  campaignAlreadyClosed: (p: { id: number; name: string }) => `Chiến dịch [${p.id}] ${p.name} đã đóng từ trước.`,

  // --- Link reports -----------------------------------------------------------------------------
  linksRegisterFirst: () =>
    'Cảm ơn bạn đã gửi link! Để Loa ghi nhận link bài đăng, bạn cần đăng ký thành viên trước: gõ /dangky.',
  linksHowToReport: () =>
    [
      'Cách báo cáo bài đăng: gửi link bài (một hoặc nhiều link, có thể cả 50 link trong một tin) kèm hashtag của chiến dịch.',
      'Ví dụ: /baocao #MyHoChiMinh https://www.tiktok.com/@kenh.cua.ban/video/7345678901234567890',
      'Không cần gõ /baocao: cứ gửi link là Loa nhận. Link không cần https://, ví dụ tiktok.com/@ban/video/123.',
    ].join('\n'),
  linksRunningHeader: () => 'Chiến dịch đang chạy:',
  linksNoRunning: () => 'Hiện không có chiến dịch nào đang chạy.',
  linksHeaderCampaign: (p: { name: string; tags: string }) => `📥 Loa đã nhận link của bạn cho chiến dịch ${p.name} (${p.tags}):`,
  linksHeaderNoCampaign: () => '📥 Loa đã nhận link của bạn (chưa gắn chiến dịch nào):',
  linksNew: (n: number, byPlatform: string) => `• Mới: ${n}${byPlatform ? ` (${byPlatform})` : ''}`,
  linksKnown: (n: number) => `• Đã có từ trước: ${n}`,
  linksDuplicates: (n: number) => `• Trùng lặp trong tin nhắn (chỉ tính một lần): ${n}`,
  linksRejected: (n: number) => `• Bị từ chối: ${n}`,
  linksRejectedLine: (raw: string, reason: string) => `   – ${raw}: ${reason}`,
  linksRejectedMore: (n: number) => `   – và ${n} link khác`,
  linksLeftOut: (p: { n: number; max: number }) => `• Bỏ qua: ${p.n} link (mỗi tin nhắn Loa chỉ nhận ${p.max} link đầu tiên; hãy gửi phần còn lại trong tin nhắn khác)`,
  linksShort: (n: number) => `Có ${n} link rút gọn (vt.tiktok.com, fb.watch...): Loa lưu nguyên dạng, Sở sẽ kiểm tra khi duyệt.`,
  linksNoCampaignHint: () =>
    'Tin nhắn không có hashtag của chiến dịch nào nên Loa chưa tính link cho chiến dịch nào.',
  linksOpenTags: (tags: string) => `Để tính cho chiến dịch, mời bạn gửi lại link kèm một trong các hashtag: ${tags}`,
  linksNoneAccepted: () => 'Loa không nhận được link nào trong tin nhắn này:',
  linkRejectReasons: {
    unsupported_scheme: 'chỉ nhận link http hoặc https',
    too_long: 'link dài quá 2.048 ký tự',
    ip_or_localhost: 'địa chỉ IP hoặc localhost không phải bài đăng công khai',
    invalid: 'không đọc được địa chỉ này',
  } satisfies Record<RejectReason, string>,
  platformNames: {
    tiktok: 'TikTok',
    facebook: 'Facebook',
    youtube: 'YouTube',
    instagram: 'Instagram',
    zalo: 'Zalo',
    threads: 'Threads',
    x: 'X',
    news: 'Báo chí',
    other: 'Khác',
  } satisfies Record<LinkPlatform, string>,

  // --- /thongke ---------------------------------------------------------------------------------
  postStatusNames: { pending: 'chờ duyệt', valid: 'hợp lệ', invalid: 'không hợp lệ' },
  statsCounts: counts,
  statsNoCampaign: () => 'Chưa gắn chiến dịch',
  statsOwnHeader: () => '📊 Bài đăng bạn đã báo cáo:',
  statsOwnEmpty: () => 'Bạn chưa báo cáo bài đăng nào. Gửi link bài đăng kèm hashtag chiến dịch để báo cáo.',
  statsCampaignLine: (name: string, c: StatusCountParams) => `• ${name}: ${counts(c)}`,
  statsMcnHeader: (mcn: string) => `📊 Bài đăng của MCN ${mcn}:`,
  statsMcnEmpty: (mcn: string) => `MCN ${mcn} chưa có bài đăng nào được báo cáo.`,
  statsMcnCampaign: (name: string, c: StatusCountParams, people: number) => `${name}: ${counts(c)}, ${people} người báo cáo`,
  statsPersonLine: (p: { memberId: number; name: string; total: number; valid: number }) =>
    `   – [${p.memberId}] ${p.name}: ${p.total} bài (hợp lệ ${p.valid})`,
  statsMorePeople: (n: number) => `   – và ${n} người khác`,
  statsDeletedName: () => '(đã xóa dữ liệu)',
  statsMoreCampaigns: (n: number) => `… và ${n} chiến dịch cũ hơn. Gõ /thongke <#hashtag hoặc mã> để xem một chiến dịch.`,
  statsPickCampaign: () => 'Chọn chiến dịch muốn xem: /thongke <#hashtag hoặc mã>.',
  statsCampaignHeader: (p: { id: number; name: string; tags: string; from: string; to: string; state: CampaignLineParams['state'] }) =>
    `📊 Chiến dịch [${p.id}] ${p.name} ${p.tags} (${p.from} – ${p.to}, ${states[p.state]})`,
  statsTotals: (c: StatusCountParams & { reporters: number; short: number }) =>
    `Tổng: ${counts(c)}; ${c.reporters} người báo cáo; ${c.short} link rút gọn.`,
  statsByMcn: () => 'Theo MCN:',
  statsByPlatform: () => 'Theo nền tảng:',
  statsByDay: () => 'Theo ngày báo cáo:',
  statsGroupLine: (label: string, c: StatusCountParams) => `• ${label}: ${c.total} (hợp lệ ${c.valid}, không hợp lệ ${c.invalid})`,
  statsDayLine: (day: string, n: number) => `• ${day}: ${n}`,
  statsIndependent: () => 'Độc lập (không thuộc MCN)',
  statsMoreRows: (n: number) => `• … và ${n} dòng khác`,
  statsEarlierDays: (n: number, total: number) => `• ${n} ngày trước đó: ${total}`,
  statsCampaignEmpty: () => 'Chưa có bài đăng nào được báo cáo cho chiến dịch này.',

  // --- /xuat ------------------------------------------------------------------------------------
  exportUsage: () => 'Xuất CSV bài đăng của một chiến dịch: /xuat <#hashtag hoặc mã chiến dịch>, ví dụ /xuat #MyHoChiMinh',
  exportNeedsPublicUrl: () =>
    'Chưa xuất được: máy chủ chưa đặt PUBLIC_URL (địa chỉ công khai của Loa) nên không tạo được link tải. Nhờ quản trị đặt PUBLIC_URL, hoặc dùng GET /api/campaigns/<mã>/posts.csv.',
  exportNeedsSecret: () =>
    'Chưa xuất được: máy chủ chưa đặt ADMIN_TOKEN hoặc DOWNLOAD_SECRET để ký link tải. Nhờ quản trị đặt một trong hai.',
  exportReadyFile: (p: { id: number; name: string; posts: number }) => `📄 Báo cáo chiến dịch [${p.id}] ${p.name}: ${p.posts} bài. File CSV ở ngay dưới.`,
  exportReady: (p: { id: number; name: string; posts: number; expires: string }) =>
    `📄 Báo cáo chiến dịch [${p.id}] ${p.name}: ${p.posts} bài. Link tải có hiệu lực đến ${p.expires}.`,
  exportTelegramCaption: (p: { name: string }) => `CSV bài đăng chiến dịch ${p.name} (mở bằng Excel)`,
  exportZaloLink: () => 'Tải file CSV (mở bằng Excel)',
};
