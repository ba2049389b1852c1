// Vietnamese words of the member features: registration, roles, /lienket, /ngung, /xoa, /ngonngu.
import type { Role } from '../../core/types';

const roleName: Record<Role, string> = {
  creator: 'nhà sáng tạo nội dung',
  mcn_lead: 'trưởng MCN',
  official: 'cán bộ của Sở',
};

const platformName = (p: string) => (p === 'zalo' ? 'Zalo' : 'Telegram');

export interface RegSummary {
  fullName: string;
  role: Role;
  mcn: string | null;
  links: string[];
  phone: string | null;
}

export const members = {
  roleName: (role: Role) => roleName[role],

  // ---- registration ----
  regIntro: () =>
    'Đăng ký thành viên Loa: vài câu hỏi ngắn. Chỉ khi bạn xác nhận ở bước cuối Loa mới lưu thông tin. Gõ /thoat để dừng bất cứ lúc nào.',
  regAlreadyRegistered: (p: { memberId: number; role: Role; mcn: string | null }) =>
    [
      `Bạn đã đăng ký rồi. Mã thành viên của bạn: ${p.memberId}, vai trò: ${roleName[p.role]}${p.mcn ? `, MCN: ${p.mcn}` : ''}.`,
      'Gõ /trogiup để xem các lệnh bạn dùng được.',
    ].join('\n'),
  regAskName: () => 'Họ và tên đầy đủ của bạn là gì? (ví dụ: Nguyễn Thị Ánh Tuyết)',
  regAskRole: () => 'Bạn tham gia Loa với vai trò nào?\n1. Nhà sáng tạo nội dung\n2. Trưởng hoặc đại diện công ty MCN\nTrả lời 1 hoặc 2.',
  regAskMcnLead: () => 'Tên công ty MCN của bạn là gì? Nếu MCN này đã có trên Loa, bạn sẽ được ghi nhận là trưởng MCN đó.',
  regAskMcnCreator: () => 'Bạn thuộc MCN nào? Gõ tên hoặc mã MCN. Nếu bạn hoạt động độc lập, gõ: không',
  regAskLinks: () =>
    'Gửi link kênh chính của bạn (trang cá nhân TikTok, YouTube, Facebook...). Có thể gửi nhiều link, cách nhau bằng dấu cách hoặc xuống dòng.',
  regAskPhone: () => 'Số điện thoại di động của bạn? (0xxxxxxxxx hoặc +84xxxxxxxxx). Nếu không muốn cung cấp, gõ: bỏ qua',
  regAskConsent: (p: { version: string }) =>
    [
      'Đồng ý xử lý dữ liệu cá nhân (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15):',
      'Sở Văn hóa và Thể thao xử lý họ tên, số điện thoại và link kênh của bạn chỉ để gửi bạn điểm tin, thông báo, lịch họp báo và ghi nhận bài đăng bạn báo cáo cho các chiến dịch; bạn có thể xóa chúng bất cứ lúc nào bằng lệnh /xoa.',
      `(Văn bản đồng ý phiên bản ${p.version})`,
      '',
      'Gõ "đồng ý" (không dấu cũng được: dong y) để tiếp tục. Nếu không đồng ý, gõ "không đồng ý" hoặc /thoat: Loa sẽ không lưu gì.',
    ].join('\n'),
  regSummary: (s: RegSummary) =>
    [
      'Kiểm tra lại thông tin của bạn:',
      `• Họ tên: ${s.fullName}`,
      `• Vai trò: ${roleName[s.role]}`,
      ...(s.role === 'official' ? [] : [`• MCN: ${s.mcn ?? 'không (độc lập)'}`]),
      ...(s.links.length ? [`• Kênh: ${s.links.join(', ')}`] : []),
      `• Số điện thoại: ${s.phone ?? 'không cung cấp'}`,
      '',
      'Gõ "xác nhận" để lưu, hoặc /thoat để hủy (không lưu gì).',
    ].join('\n'),
  regDone: (p: { role: Role; mcn: string | null; mcnCode: string | null; newMcn: boolean }) =>
    [
      `Đăng ký xong! Vai trò của bạn: ${roleName[p.role]}.`,
      ...(p.mcn && p.mcnCode
        ? [
            p.newMcn
              ? `Loa đã tạo MCN "${p.mcn}" với mã ${p.mcnCode}. Nhà sáng tạo của MCN gõ mã này khi đăng ký.`
              : `MCN: ${p.mcn} (mã ${p.mcnCode}).`,
          ]
        : []),
      'Bạn sẽ nhận điểm tin báo chí mỗi sáng. Gõ /trogiup để xem các lệnh; gõ /dangky để xem lại thông tin và mã thành viên của bạn.',
    ].join('\n'),
  regConsentRefused: () => 'Bạn không đồng ý nên Loa không lưu thông tin nào của bạn. Khi nào muốn, gõ /dangky để đăng ký lại.',
  regButtonStale: () => 'Nút này thuộc một câu hỏi đã qua. Câu hỏi hiện tại:',
  regNoConversation: () => 'Bạn không có cuộc đăng ký nào đang dở. Gõ /dangky để bắt đầu.',
  regPrefilled: () => 'Loa đã nhận họ tên và số điện thoại từ biểu mẫu Zalo. Bạn vẫn cần trả lời các câu còn lại, đồng ý và xác nhận.',
  regSubmitInfoRegistered: () => 'Loa đã nhận biểu mẫu. Bạn đã đăng ký rồi nên thông tin đăng ký không thay đổi.',
  regErrors: {
    name_length: 'Họ tên cần từ 2 đến 100 ký tự.',
    name_chars: 'Họ tên chỉ gồm chữ cái (có dấu hoặc không), dấu cách, dấu chấm, gạch nối; không có số hay ký hiệu.',
    role_unknown: 'Loa chưa hiểu vai trò bạn chọn.',
    mcn_length: 'Tên MCN cần từ 2 đến 100 ký tự.',
    lead_needs_mcn: 'Trưởng MCN cần cho biết tên công ty MCN của mình.',
    links_none: 'Loa không thấy link nào trong tin nhắn này.',
    links_too_many: 'Tối đa 10 link kênh chính.',
    phone_invalid: 'Số điện thoại chưa đúng: cần số di động Việt Nam 10 số bắt đầu bằng 0 (ví dụ 0912345678) hoặc +84 (ví dụ +84912345678).',
    consent_unclear: 'Loa chỉ tiếp tục khi bạn gõ đúng "đồng ý".',
    confirm_unclear: 'Loa chỉ lưu khi bạn gõ "xác nhận".',
  },
  regLinksRejected: (p: { links: string[] }) => `Link không dùng được (cần link http hoặc https hợp lệ): ${p.links.join(', ')}`,
  regMcnUnknown: (p: { suggestions: string[] }) =>
    p.suggestions.length
      ? `Loa chưa có MCN này. Có phải bạn muốn chọn: ${p.suggestions.join('; ')}? Gõ đúng tên hoặc mã, hoặc gõ "không" nếu bạn độc lập.`
      : 'Loa chưa có MCN này. Gõ đúng tên hoặc mã MCN (hỏi trưởng MCN của bạn), hoặc gõ "không" nếu bạn độc lập.',
  regMcnClaimed: (p: { name: string; code: string }) => `MCN "${p.name}" (mã ${p.code}) đã có trên Loa: bạn sẽ được ghi nhận là trưởng MCN này.`,
  mcnLabel: (p: { name: string; code: string }) => `${p.name} (mã ${p.code})`,
  btnCreator: () => '1. Nhà sáng tạo',
  btnLead: () => '2. Trưởng MCN',
  btnIndependent: () => 'Không (độc lập)',
  btnSharePhone: () => '📱 Gửi số điện thoại của tôi',
  regAskPhoneShare: () => 'Hoặc bấm nút «📱 Gửi số điện thoại của tôi» bên dưới.',
  regContactNotYours: () =>
    'Đây là số điện thoại của người khác. Loa chỉ nhận số của chính bạn: bấm nút «📱 Gửi số điện thoại của tôi» hoặc gõ số của bạn.',
  regPhoneNoted: () => '✅ Đã ghi nhận số điện thoại.',
  regPhoneSkipped: () => 'Đã bỏ qua số điện thoại.',
  btnSkip: () => 'Bỏ qua',
  btnAgree: () => 'Đồng ý',
  btnConfirm: () => 'Xác nhận',
  btnCancel: () => 'Thoát',
  wordAgree: () => 'đồng ý',
  wordConfirm: () => 'xác nhận',
  wordSkip: () => 'bỏ qua',
  wordNo: () => 'không',
  wordConfirmDelete: () => 'xác nhận xóa',

  // ---- /ngung, /tieptuc, /ngonngu ----
  stopDone: () => 'Đã ngừng gửi điểm tin và thông báo cho bạn. Gõ /tieptuc khi muốn nhận lại.',
  stopAlready: () => 'Bạn đang ngừng nhận tin rồi. Gõ /tieptuc để nhận lại.',
  resumeDone: () => 'Bạn sẽ nhận điểm tin và thông báo trở lại.',
  resumeAlready: () => 'Bạn vẫn đang nhận điểm tin và thông báo.',
  langSet: () => 'Đã chuyển sang tiếng Việt.',
  langUsage: () => 'Cách dùng: /ngonngu vi (tiếng Việt) hoặc /ngonngu en (English).',
  langNotRegistered: () =>
    'Ngôn ngữ được lưu cho thành viên đã đăng ký. Trước khi đăng ký, Loa dùng ngôn ngữ của ứng dụng bạn đang dùng. Gõ /dangky để đăng ký.',

  // ---- /lienket ----
  linkIssued: (p: { code: string; until: string; other: string }) =>
    [
      `Mã liên kết của bạn: ${p.code}`,
      `Mở Loa trên ${p.other} và gửi: /lienket ${p.code}`,
      `Mã dùng được một lần, hết hạn lúc ${p.until}. Đừng đưa mã này cho người khác.`,
    ].join('\n'),
  linkNeedsRegistration: () =>
    'Để liên kết, hãy gõ /lienket trên tài khoản đã đăng ký để lấy mã, rồi gửi "/lienket <mã>" tại đây. Nếu chưa đăng ký, gõ /dangky.',
  linkMalformed: () => 'Mã liên kết gồm 6 chữ số, ví dụ: /lienket 123456',
  linkWrong: (p: { left: number }) => `Mã liên kết không đúng. Bạn còn ${p.left} lần thử.`,
  linkExpired: () => 'Mã liên kết đã hết hạn (mã chỉ dùng được trong 10 phút). Hãy lấy mã mới bằng lệnh /lienket trên tài khoản kia.',
  linkUsed: () => 'Mã liên kết này đã được dùng. Hãy lấy mã mới bằng lệnh /lienket trên tài khoản kia.',
  linkLocked: (p: { until: string }) => `Bạn đã nhập sai mã quá nhiều lần. Tạm khóa liên kết đến ${p.until}.`,
  linkAlreadySame: () => 'Tài khoản này đã thuộc về bạn rồi, không cần liên kết nữa.',
  linkOwnMember: () =>
    'Tài khoản này đã đăng ký riêng nên không thể gộp. Nếu muốn gộp, hãy xóa dữ liệu của tài khoản này bằng lệnh /xoa rồi gửi lại mã.',
  linkOfficialIdentity: () =>
    'Tài khoản này là tài khoản cán bộ của Sở (theo cấu hình) nên không thể gộp vào thành viên khác. Liên kết không thay đổi vai trò của ai.',
  linkPlatformTaken: (p: { platform: string }) => `Thành viên này đã có một tài khoản ${platformName(p.platform)} được liên kết.`,
  linkDone: (p: { memberId: number }) => `Đã liên kết! Tài khoản này giờ thuộc thành viên ${p.memberId}; bạn nhận tin ở cả hai nơi.`,
  linkNotice: (p: { platform: string }) => `Tài khoản ${platformName(p.platform)} vừa được liên kết với bạn. Nếu không phải bạn, hãy báo ngay cho Sở.`,

  // ---- /capquyen ----
  grantUsage: () =>
    [
      'Cách dùng: /capquyen <mã thành viên hoặc số điện thoại> official|mcn_lead [mã MCN]',
      'official: cán bộ của Sở; mcn_lead: trưởng MCN.',
      'Ví dụ: /capquyen 12 official, /capquyen 0912345678 mcn_lead YEAH1N',
      'Thành viên xem mã của mình bằng cách gõ /dangky.',
    ].join('\n'),
  grantNotFound: () => 'Không tìm thấy thành viên đã đăng ký với mã hoặc số điện thoại này.',
  grantNeedsMcn: () => 'Thành viên này chưa thuộc MCN nào: thêm mã MCN, ví dụ /capquyen 12 mcn_lead YEAH1N',
  grantMcnUnknown: (p: { code: string }) => `Không có MCN với mã ${p.code}.`,
  grantAlready: (p: { memberId: number; role: Role }) => `Thành viên ${p.memberId} đã là ${roleName[p.role]}.`,
  grantDone: (p: { memberId: number; role: Role; mcn: string | null }) =>
    `Đã cấp quyền ${roleName[p.role]}${p.mcn ? ` (MCN ${p.mcn})` : ''} cho thành viên ${p.memberId}. Việc này đã được ghi vào nhật ký.`,
  grantNotice: (p: { role: Role; mcn: string | null }) =>
    `Bạn vừa được cấp quyền ${roleName[p.role]}${p.mcn ? ` của MCN ${p.mcn}` : ''}. Gõ /trogiup để xem các lệnh mới.`,
  roleRemovedNotice: (p: { role: Role }) => `Quyền ${roleName[p.role]} của bạn đã được thu hồi. Bạn vẫn là thành viên của Loa; gõ /trogiup để xem các lệnh.`,

  // ---- /xoa ----
  deleteAsk: () =>
    [
      'Bạn sắp xóa dữ liệu cá nhân của mình khỏi Loa: họ tên, số điện thoại, link kênh, các tài khoản liên kết và mọi cuộc trò chuyện đang dở.',
      'Các bài đăng bạn đã báo cáo vẫn được giữ cho thống kê nhưng không còn gắn với bạn. Việc này không hoàn tác được.',
      'Gõ "xác nhận xóa" để xóa, hoặc bất kỳ tin nào khác để giữ nguyên.',
    ].join('\n'),
  deleteKept: () => 'Chưa xóa gì. Dữ liệu của bạn vẫn giữ nguyên.',
  deleteDone: () => 'Đã xóa dữ liệu cá nhân của bạn khỏi Loa. Cảm ơn bạn đã đồng hành. Gõ /dangky nếu muốn tham gia lại.',
  btnConfirmDelete: () => 'Xác nhận xóa',
  btnKeep: () => 'Giữ lại',
};
