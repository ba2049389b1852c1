// Vietnamese words of briefings (/hop, /lich, RSVP, reminders, cancelling). Source of truth.

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

export const briefings = {
  /** "14:00, Thứ Tư 25/11/2026" (day: 0 = Sunday). */
  briefingWhen: ({ time, day, date }: { time: string; day: number; date: string }) => `${time}, ${WEEKDAYS[day]} ${date}`,
  briefingInviteHeading: ({ title }: { title: string }) => `📅 Mời dự họp báo: ${title}`,
  briefingTimeLine: ({ when }: { when: string }) => `🕑 Thời gian: ${when}`,
  briefingPlaceLabel: () => '📍 Địa điểm: ',
  briefingCodeLine: ({ id }: { id: number }) => `Mã họp báo: ${id}`,
  briefingRsvpAsk: ({ id }: { id: number }) =>
    `Bạn có tham dự không? Bấm nút bên dưới hoặc gõ: thamdu ${id} (tham dự) / khong ${id} (không tham dự).`,
  rsvpYesButton: () => 'Tham dự',
  rsvpNoButton: () => 'Không tham dự',
  rsvpYesReply: ({ id }: { id: number }) => `thamdu ${id}`,
  rsvpNoReply: ({ id }: { id: number }) => `khong ${id}`,
  briefingUsage: () =>
    [
      'Cách dùng: /hop <tên> | <dd/mm/yyyy hh:mm> | <địa điểm hoặc link>',
      'Ví dụ: /hop Họp báo tháng 12 | 05/12/2026 14:00 | Hội trường Sở, 2 Lê Thánh Tôn',
      'Mời một nhóm: thêm @mcn:<mã MCN>, @creator (nhà sáng tạo) hoặc @mcn_lead (trưởng MCN) trước tên.',
      'Hủy họp báo: /hop huy <mã>',
    ].join('\n'),
  briefingBadFormat: () => 'Cần đủ 3 phần, ngăn cách bằng dấu |: tên | ngày giờ | địa điểm.',
  briefingBadWhen: ({ given }: { given: string }) =>
    `"${given}" không phải ngày giờ hợp lệ. Viết theo dạng dd/mm/yyyy hh:mm, ví dụ 05/12/2026 14:00.`,
  briefingInPast: ({ when }: { when: string }) => `${when} đã qua. Hãy chọn một thời điểm trong tương lai.`,
  briefingTitleLength: () => 'Tên họp báo cần từ 3 đến 200 ký tự.',
  briefingPlaceLength: () => 'Địa điểm hoặc link cần từ 2 đến 300 ký tự.',
  briefingStartedBeforeSend: ({ id }: { id: number }) =>
    `Họp báo #${id} đã đến giờ bắt đầu nên Loa không gửi lời mời nữa. Tạo lại bằng /hop nếu cần.`,
  briefingSent: ({ id, members }: { id: number; members: number }) =>
    `✅ Đã gửi lời mời họp báo #${id} cho ${members} thành viên. Loa sẽ nhắc trước 24 giờ và 1 giờ những người tham dự và người chưa trả lời. Xem số người trả lời: /lich`,
  rsvpYesConfirmed: ({ title, when, id }: { title: string; when: string; id: number }) =>
    `✅ Đã ghi nhận: bạn sẽ tham dự "${title}" (${when}). Loa sẽ nhắc bạn trước 24 giờ và 1 giờ. Nếu đổi ý, gõ: khong ${id}`,
  rsvpNoConfirmed: ({ title, id }: { title: string; id: number }) =>
    `Đã ghi nhận: bạn không tham dự "${title}". Nếu đổi ý, gõ: thamdu ${id}`,
  rsvpClosed: ({ title }: { title: string }) => `Họp báo "${title}" đã bắt đầu nên không nhận trả lời nữa.`,
  /** Also for a briefing outside the member's audience: they learn only that the code is not valid for them. */
  rsvpNotFound: ({ id }: { id: string }) => `Không tìm thấy họp báo mã ${id} dành cho bạn. Gõ /lich để xem các họp báo sắp tới của bạn.`,
  rsvpBriefingCancelled: ({ title }: { title: string }) => `Họp báo "${title}" đã bị hủy nên không cần trả lời.`,
  rsvpUsage: () => 'Gõ thamdu <mã> để tham dự, khong <mã> nếu không tham dự. Xem mã họp báo: /lich',
  reminderHeading: ({ title }: { title: string }) => `⏰ Nhắc lịch họp báo: ${title}`,
  reminderStartsIn: ({ left }: { left: string }) => `Bắt đầu sau ${left} nữa.`,
  durationHours: ({ n }: { n: number }) => `${n} giờ`,
  durationMinutes: ({ n }: { n: number }) => `${n} phút`,
  reminderYouSaidYes: ({ id }: { id: number }) => `Bạn đã đăng ký tham dự. Nếu không đến được, gõ: khong ${id}`,
  reminderNoAnswer: () => 'Bạn chưa trả lời. Bạn có tham dự không?',
  cancelNoticeHeading: ({ title }: { title: string }) => `❌ Họp báo "${title}" đã bị HỦY.`,
  cancelNoticeBody: ({ when }: { when: string }) => `Buổi họp dự kiến lúc ${when} sẽ không diễn ra. Xin lỗi vì sự bất tiện.`,
  cancelDone: ({ id, title, n }: { id: number; title: string; n: number }) =>
    `Đã hủy họp báo #${id} "${title}". Loa đang báo cho ${n} người đã nhận lời tham dự; nhắc lịch đã dừng.`,
  briefingAlreadySent: ({ id, time }: { id: number; time: string }) => `Lời mời họp báo #${id} đã được gửi lúc ${time}; Loa không gửi lại lần nữa.`,
  briefingCannotRecall: ({ id }: { id: number }) => `Lời mời họp báo #${id} đã gửi rồi, không thu hồi được. Muốn hủy buổi họp và báo cho người đã nhận lời: /hop huy ${id}`,
  briefingDraftExpired: ({ id, time }: { id: number; time: string }) =>
    `Bản xem trước lời mời họp báo #${id} đã hết hạn lúc ${time} (sau 10 phút) nên Loa không gửi. Gõ lại /hop để soạn lại.`,
  cancelDraftDone: ({ id }: { id: number }) => `Đã bỏ bản nháp họp báo #${id}; chưa ai nhận được lời mời.`,
  cancelAlready: ({ id }: { id: number }) => `Họp báo #${id} đã được hủy trước đó.`,
  cancelStarted: ({ id }: { id: number }) => `Họp báo #${id} đã bắt đầu, không hủy được nữa.`,
  cancelNotFound: ({ id }: { id: string }) => `Không tìm thấy họp báo mã ${id}.`,
  lichEmpty: () => 'Hiện chưa có họp báo nào sắp tới.',
  lichHeader: () => '📅 Họp báo sắp tới:',
  lichItemTitle: ({ id, title }: { id: number; title: string }) => `#${id} · ${title}`,
  lichYes: () => 'Bạn: ✅ tham dự',
  lichNo: () => 'Bạn: ❌ không tham dự',
  lichNone: ({ id }: { id: number }) => `Bạn: chưa trả lời (thamdu ${id} / khong ${id})`,
  lichCounts: ({ yes, no, none }: { yes: number; no: number; none: number }) =>
    `Trả lời: ${yes} tham dự · ${no} không tham dự · ${none} chưa trả lời`,
  lichFooter: () => 'Đổi câu trả lời: thamdu <mã> hoặc khong <mã>, được đến giờ bắt đầu.',
};
