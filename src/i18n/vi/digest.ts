// Vietnamese words of the daily press digest: the digest itself, /them, /tin, "Dùng bài", the
// officials' notices and summary. Source of truth; English mirrors it in src/i18n/en/digest.ts.

/** Delivery reasons as officials read them in the summary; unknown codes are shown as they are. */
const digestReasonLabels: Record<string, string> = {
  zalo_outside_window: 'ngoài cửa sổ 7 ngày của Zalo',
  zalo_unfollowed: 'đã bỏ theo dõi OA',
  zalo_no_interaction: 'chưa tương tác với OA',
  zalo_not_follower: 'chưa theo dõi OA',
  zalo_user_inactive: 'tài khoản Zalo không hoạt động',
  zalo_user_restricted: 'tài khoản Zalo bị hạn chế',
  zalo_token_invalid: 'mã truy cập Zalo không hợp lệ',
  telegram_no_private_chat: 'chưa mở chat riêng với bot Telegram',
  telegram_blocked: 'đã chặn bot',
  telegram_chat_not_found: 'không tìm thấy cuộc trò chuyện Telegram',
};

export const digest = {
  digestHeading: ({ date }: { date: string }) => `📰 Điểm tin ngày ${date}`,
  digestPickHint: () => 'Bạn sẽ dùng bài nào cho nội dung của mình? Bấm «Dùng bài N» hoặc gõ: dung N (ví dụ: dung 2).',
  digestPickButton: ({ n }: { n: number }) => `Dùng bài ${n}`,
  digestNothingToday: ({ date }: { date: string }) => `Điểm tin ngày ${date} chưa có bài nào. Bạn gõ /tin lại sau nhé.`,

  // Officials: the schedule found no articles.
  digestEmptyNotice: ({ date }: { date: string; next: string }) =>
    [
      `Đến giờ gửi mà điểm tin ngày ${date} chưa có bài nào, nên Loa chưa gửi điểm tin cho thành viên.`,
      'Bài thêm hôm nay bằng /them vẫn vào điểm tin hôm nay. Thêm xong, gõ /guitin để gửi muộn (Loa cho xem trước và hỏi xác nhận).',
    ].join('\n'),
  // /guitin: today's digest sent late (or early) by an official.
  lateDigestConfirm: ({ date, n }: { date: string; n: number }) =>
    `Gửi ngay điểm tin ngày ${date} (${n} bài, như trên) cho mọi thành viên nhận tin? Gõ GUI để gửi, HUY để thôi (trong 10 phút).`,
  lateDigestEarly: ({ time }: { time: string }) => `Lưu ý: nếu không gửi bây giờ, điểm tin hôm nay sẽ tự gửi lúc ${time}.`,
  lateDigestAskConfirm: () => 'Gõ GUI để gửi điểm tin, hoặc HUY để thôi.',
  lateDigestCancelled: () => 'Đã thôi, Loa không gửi điểm tin.',
  lateDigestNothingPending: () => 'Không có điểm tin nào đang chờ xác nhận. Gõ /guitin để xem trước điểm tin hôm nay.',
  lateDigestNothing: ({ date }: { date: string }) => `Điểm tin ngày ${date} chưa có bài nào. Thêm bài bằng /them <link>, rồi gõ lại /guitin.`,
  lateDigestAlreadySent: ({ date, time }: { date: string; time: string }) => `Điểm tin ngày ${date} đã được gửi lúc ${time}; Loa không gửi lại.`,
  lateDigestStale: () => 'Bản xem trước này là của hôm qua nên Loa không gửi. Gõ /guitin để xem điểm tin hôm nay.',
  lateDigestSent: ({ date, queued, skipped }: { date: string; queued: number; skipped: number }) =>
    `✅ Đang gửi điểm tin ngày ${date}: ${queued} tin nhắn${skipped > 0 ? `; ${skipped} người chưa nhận được (ngoài cửa sổ 7 ngày của Zalo hoặc chưa mở chat riêng với bot)` : ''}. Loa sẽ gửi bản tóm tắt khi xong.`,

  // Officials: the summary once every message of the digest has a final state.
  digestSummaryHeading: ({ date, total }: { date: string; total: string }) => `📊 Điểm tin ngày ${date} đã xử lý xong ${total} tin nhắn:`,
  digestSummarySent: ({ n, telegram, zalo }: { n: string; telegram: string; zalo: string }) =>
    `✅ Đã gửi: ${n} (Telegram ${telegram}, Zalo ${zalo})`,
  digestSummarySkipped: ({ n }: { n: string }) => `⏭️ Bỏ qua: ${n}`,
  digestSummaryFailed: ({ n }: { n: string }) => `❌ Lỗi: ${n}`,
  digestSummaryReason: ({ reason, n }: { reason: string; n: string }) => `   • ${reason}: ${n}`,
  // Zalo window renewal (SPEC §4): the line, its button, and the answers.
  zaloRenewalLine: () =>
    '🔔 Zalo chỉ cho phép Loa nhắn cho bạn trong 7 ngày kể từ lần cuối bạn nhắn hoặc bấm nút. Bấm «Nhận tiếp điểm tin» để tiếp tục nhận điểm tin. Không muốn nhận lời nhắc này: gõ /ngung nhac.',
  zaloRenewalButton: () => 'Nhận tiếp điểm tin',
  zaloRenewalThanks: () => '✅ Cảm ơn bạn! Loa sẽ tiếp tục gửi điểm tin cho bạn trên Zalo.',
  zaloRenewalTelegram: () => 'Trên Telegram bạn luôn nhận được điểm tin, không cần làm gì thêm.',
  zaloRenewalOff: () => 'Đã tắt lời nhắc «Nhận tiếp điểm tin». Bật lại: gõ /tieptuc nhac.',
  zaloRenewalOn: () => 'Đã bật lại lời nhắc «Nhận tiếp điểm tin».',
  statsZaloReachNow: ({ reachable, members, share, outside }: { reachable: string; members: string; share: string; outside: string }) =>
    `📶 Zalo: hiện gửi được cho ${reachable}/${members} thành viên (${share}); ${outside} người ngoài cửa sổ 7 ngày, cần nhắn cho OA để nhận lại tin.`,
  digestSummaryZaloReach: ({ reached, outside, share }: { reached: string; outside: string; share: string }) =>
    `📶 Zalo: ${reached} người nhận được, ${outside} người ngoài cửa sổ 7 ngày. Hiện Loa còn gửi được cho ${share} thành viên Zalo.`,
  zaloTemplateText: ({ date, n }: { date: string; n: number }) => `Điểm tin ngày ${date} đã có: ${n} bài. Gõ /tin để đọc.`,
  digestSummaryZaloTemplates: ({ sent, notSent, used, max }: { sent: string; notSent: string; used: string; max: string }) =>
    `💳 Tin mẫu Zalo (trả phí) cho người ngoài cửa sổ 7 ngày: đã gửi ${sent}${notSent !== '0' ? `, ${notSent} không gửi được` : ''}. Hôm nay đã dùng ${used}/${max} tin.`,
  digestReasonLabels,

  // /them
  digestArticleAdded: ({ n, date, title, outlet }: { n: number; date: string; title: string; outlet: string }) =>
    `✅ Đã thêm bài ${n} vào điểm tin ngày ${date}: «${title}» (${outlet}).`,
  digestArticleOverLimit: ({ max }: { max: number }) => `Lưu ý: điểm tin chỉ gửi ${max} bài đầu tiên; bài này nằm ngoài ${max} bài đó.`,
  digestArticleDuplicate: ({ date }: { date: string }) => `Bài này đã có trong điểm tin ngày ${date}.`,
  digestAskTitle: () => 'Tiêu đề của bài này là gì? Gõ tiêu đề (hoặc /thoat để thôi).',
  digestTitleInvalid: ({ min, max }: { min: number; max: number }) =>
    `Tiêu đề cần từ ${min} đến ${max} ký tự. Gõ lại tiêu đề, hoặc /thoat để thôi.`,
  digestBadUrl: () =>
    'Loa chưa đọc được đường link này. Gõ: /them <link> [tiêu đề], ví dụ: /them https://tuoitre.vn/bai-viet.htm Tiêu đề bài báo',
  digestDayStatus: ({ date, count }: { date: string; count: number }) => `Điểm tin ngày ${date} đang có ${count} bài.`,
  digestCandidatesHeading: ({ date }: { date: string }) =>
    `Bài đề xuất từ các trang báo. Gõ số để thêm vào điểm tin ngày ${date} (ví dụ: 2, hoặc 1 3), hoặc /thoat để thôi:`,
  digestNoCandidates: () => 'Chưa có bài đề xuất nào từ các nguồn tin. Thêm bài bằng: /them <link> [tiêu đề]',
  digestCandidateTaken: () => '✓ đã có',
  digestCandidateUnknown: ({ max }: { max: number }) => `Không có bài số đó. Gõ một số từ 1 đến ${max}, hoặc /thoat để thôi.`,

  // "Dùng bài N"
  digestPickRecorded: ({ n, title }: { n: number; title: string }) => `👍 Đã ghi nhận: bạn dùng bài ${n} «${title}». Cảm ơn bạn!`,
  digestPickAlready: ({ n }: { n: number }) => `Loa đã ghi nhận bạn dùng bài ${n} rồi.`,
  digestPickUnknown: ({ date, max }: { date: string; max: number }) =>
    `Điểm tin ngày ${date} có ${max} bài. Gõ: dung <số bài>, ví dụ: dung 2.`,
  digestPickNoDigest: () => 'Chưa có điểm tin nào để chọn bài.',
  digestPickUsage: () => 'Gõ: dung <số bài trong điểm tin>, ví dụ: dung 2.',

  // Officials: picks per article (merged into /thongke by the lead).
  digestStatsHeading: ({ date }: { date: string }) => `Điểm tin ngày ${date}: lượt «Dùng bài»`,
  digestStatsLine: ({ n, title, outlet, members, mcns }: { n: number; title: string; outlet: string; members: number; mcns: number }) =>
    `${n}. ${title} (${outlet}): ${members} người, ${mcns} MCN`,
  digestStatsNone: ({ date }: { date: string }) => `Điểm tin ngày ${date} chưa có bài nào.`,
};
