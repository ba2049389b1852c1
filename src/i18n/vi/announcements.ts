// Vietnamese words of announcements (/thongbao): preview, audience, confirmation. Source of truth.

export const announcements = {
  announceHeading: () => '📣 Thông báo từ Sở Văn hóa và Thể thao',
  announceUsage: () =>
    [
      'Cách dùng: /thongbao <nội dung>',
      'Gửi cho một nhóm: thêm ở đầu nội dung @mcn:<mã MCN>, @creator (nhà sáng tạo) hoặc @mcn_lead (trưởng MCN).',
      'Ví dụ: /thongbao @creator Mời các bạn tham gia chiến dịch #TetVuiKhoe.',
    ].join('\n'),
  announcePreviewIntro: () => '👆 Xem trước: thành viên sẽ nhận đúng tin nhắn ở trên.',
  announcePreviewTitle: ({ id }: { id: number }) => `Thông báo #${id} (chưa gửi)`,
  audienceEveryone: () => 'tất cả thành viên',
  audienceRoleCreator: () => 'nhà sáng tạo',
  audienceRoleMcnLead: () => 'trưởng MCN',
  audienceMcn: ({ name, code }: { name: string; code: string }) => `thành viên của MCN ${name} (${code})`,
  previewAudience: ({ audience }: { audience: string }) => `Người nhận: ${audience}`,
  previewTotal: ({ members }: { members: number }) => `Tổng: ${members} thành viên`,
  previewTelegram: ({ n, noPrivateChat }: { n: number; noPrivateChat: number }) =>
    noPrivateChat > 0
      ? `Telegram: ${n - noPrivateChat} người nhận được, ${noPrivateChat} chưa mở chat riêng với bot`
      : `Telegram: ${n} người nhận`,
  previewTelegramNote: () =>
    'Telegram chỉ cho bot nhắn người đã mở chat riêng với bot (bấm Bắt đầu / Start): người chưa mở sẽ không nhận được tin này.',
  previewZalo: ({ reachable, outside }: { reachable: number; outside: number }) =>
    `Zalo: ${reachable} người nhận được ngay, ${outside} ngoài khung 7 ngày`,
  previewZaloNote: () => 'Zalo chỉ cho nhắn người đã tương tác với OA trong 7 ngày qua: người ngoài khung sẽ không nhận được tin này.',
  previewNobody: () => '⚠️ Hiện không có ai trong nhóm người nhận này.',
  previewConfirm: () => 'Gõ GUI để gửi, HUY để bỏ (hết hạn sau 10 phút).',
  buttonSend: () => 'Gửi',
  buttonCancel: () => 'Hủy',
  announceSent: ({ id, members }: { id: number; members: number }) => `✅ Đã gửi thông báo #${id} cho ${members} thành viên.`,
  announceSentCounts: ({
    telegram,
    telegramNoPrivateChat,
    zaloReachable,
    zaloOutside,
  }: {
    telegram: number;
    telegramNoPrivateChat: number;
    zaloReachable: number;
    zaloOutside: number;
  }) =>
    `Telegram: ${telegram - telegramNoPrivateChat}${telegramNoPrivateChat > 0 ? ` (${telegramNoPrivateChat} chưa mở chat riêng với bot, không gửi)` : ''} · Zalo: ${zaloReachable} nhận được ngay, ${zaloOutside} ngoài khung 7 ngày (không gửi).`,
  announceCancelled: ({ id }: { id: number }) => `Đã bỏ thông báo #${id}. Không ai nhận được tin này.`,
  announceExpired: ({ id, time }: { id: number; time: string }) =>
    `Bản xem trước #${id} đã hết hạn lúc ${time} (sau 10 phút) nên Loa không gửi. Gõ lại /thongbao để soạn lại.`,
  announceNothingPending: () => 'Không có thông báo nào đang chờ gửi. Soạn thông báo mới: /thongbao <nội dung>.',
  announceAlreadySent: ({ id, time }: { id: number; time: string }) => `Thông báo #${id} đã được gửi lúc ${time}; Loa không gửi lại lần nữa.`,
  announceCannotRecall: ({ id }: { id: number }) => `Thông báo #${id} đã gửi rồi, không thu hồi được.`,
  audienceUnknown: ({ token }: { token: string }) =>
    `Loa không hiểu nhóm người nhận "${token}". Dùng @mcn:<mã MCN>, @creator (nhà sáng tạo) hoặc @mcn_lead (trưởng MCN), hoặc bỏ trống để gửi cho tất cả.`,
  audienceMcnUnknown: ({ code, codes }: { code: string; codes: string }) =>
    `Không có MCN nào có mã "${code}".${codes ? ` Các mã hiện có: ${codes}.` : ''}`,
  audienceTwoMcns: () => 'Mỗi thông báo chỉ gửi được cho một MCN.',
};
