// Vietnamese words of pending MCN leads (SPEC §6): the notice to those who decide, /duyet, and
// the outcome told to the pending lead.

export const leads = {
  /** Registration: the named MCN already has a lead, so this one waits for approval. */
  regMcnNeedsApproval: (p: { name: string; code: string }) =>
    `MCN "${p.name}" (mã ${p.code}) đã có trưởng MCN trên Loa. Bạn sẽ là trưởng MCN này sau khi trưởng MCN hiện tại hoặc cán bộ của Sở duyệt; trước đó bạn chưa xem được thành viên và số liệu của MCN.`,
  regDonePending: (p: { mcn: string; code: string }) =>
    `Yêu cầu làm trưởng MCN "${p.mcn}" (mã ${p.code}) của bạn đang chờ duyệt. Loa sẽ báo bạn kết quả.`,
  regPendingSuffix: () => 'Yêu cầu làm trưởng MCN của bạn đang chờ duyệt.',
  leadPendingNotice: (p: { memberId: string; name: string; mcn: string; code: string }) =>
    [
      `Thành viên số ${p.memberId} (${p.name}) đăng ký làm trưởng MCN "${p.mcn}" (mã ${p.code}) và đang chờ duyệt.`,
      'Cho đến khi được duyệt, người này không xem được thành viên và số liệu của MCN.',
      `Duyệt: /duyet ${p.memberId}`,
      `Từ chối: /duyet khong ${p.memberId}`,
    ].join('\n'),
  btnLeadApprove: () => 'Duyệt',
  btnLeadRefuse: () => 'Từ chối',
  leadApprovedNotice: (p: { mcn: string }) =>
    `Yêu cầu làm trưởng MCN "${p.mcn}" của bạn đã được duyệt. Gõ /thongke để xem số liệu của MCN.`,
  leadRefusedNotice: (p: { mcn: string }) =>
    `Yêu cầu làm trưởng MCN "${p.mcn}" của bạn không được duyệt. Bạn vẫn là thành viên, với vai trò nhà sáng tạo độc lập. Nếu có nhầm lẫn, hãy liên hệ Sở.`,
  duyetUsage: () => 'Cách dùng: /duyet <mã thành viên> để duyệt, /duyet khong <mã thành viên> để từ chối. Gõ /duyet để xem ai đang chờ duyệt.',
  duyetListEmpty: () => 'Không có ai đang chờ duyệt làm trưởng MCN.',
  duyetListHeader: () => 'Đang chờ duyệt làm trưởng MCN:',
  duyetListLine: (p: { memberId: number; name: string; mcn: string; code: string }) =>
    `• Thành viên số ${p.memberId} (${p.name}): MCN "${p.mcn}" (mã ${p.code})`,
  duyetNotFound: (p: { memberId: number }) => `Thành viên số ${p.memberId} không có yêu cầu làm trưởng MCN nào đang chờ duyệt.`,
  duyetNotAllowed: () => 'Bạn chỉ duyệt được trưởng MCN cho MCN mà bạn là trưởng (đã được duyệt).',
  duyetApproved: (p: { memberId: number; mcn: string }) =>
    `Đã duyệt thành viên số ${p.memberId} làm trưởng MCN "${p.mcn}". Việc này đã được ghi vào nhật ký.`,
  duyetRefused: (p: { memberId: number; mcn: string }) =>
    `Đã từ chối yêu cầu làm trưởng MCN "${p.mcn}" của thành viên số ${p.memberId}. Việc này đã được ghi vào nhật ký.`,
  officialsOrLeadsOnly: () => 'Lệnh này chỉ dành cho cán bộ của Sở và trưởng MCN.',
  statsLeadPending: (p: { mcn: string }) =>
    `Yêu cầu làm trưởng MCN "${p.mcn}" của bạn đang chờ duyệt: chưa xem được số liệu của MCN. Dưới đây là số liệu của riêng bạn.`,
  deletedName: () => '(đã xóa)',
};
