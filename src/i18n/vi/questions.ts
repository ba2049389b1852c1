// Vietnamese words of questions and feedback (SPEC §8): /hoi, /traloi and the notices.

export const questions = {
  askPrompt: () => 'Mời bạn gõ câu hỏi hoặc góp ý gửi Sở trong tin nhắn tiếp theo (gõ /thoat để thôi).',
  askEmpty: () => 'Câu hỏi đang trống. Mời bạn gõ nội dung câu hỏi hoặc góp ý (gõ /thoat để thôi).',
  askTooLong: (p: { max: number }) => `Câu hỏi dài quá ${p.max} ký tự. Mời bạn gửi ngắn hơn, hoặc chia thành nhiều lần /hoi.`,
  askReceived: (p: { id: number }) =>
    `Loa đã nhận câu hỏi số ${p.id} của bạn và chuyển tới Sở. Câu trả lời sẽ được gửi vào chat này. Muốn bổ sung, gõ /hoi rồi nội dung.`,
  askAdded: (p: { id: number }) => `Loa đã thêm tin nhắn của bạn vào câu hỏi số ${p.id} (đang chờ Sở trả lời).`,
  questionNotice: (p: { open: number; oldest: string }) =>
    [
      `📨 Có ${p.open} câu hỏi đang chờ trả lời; câu chờ lâu nhất đã ${p.oldest}.`,
      'Trả lời: /traloi <số> <nội dung>, hoặc trên trang Hỏi đáp của trang quản trị (/web).',
    ].join('\n'),
  ageMinutes: (p: { n: number }) => (p.n < 1 ? "vài giây" : `${p.n} phút`),
  ageHours: (p: { n: number }) => `${p.n} giờ`,
  ageDays: (p: { n: number }) => `${p.n} ngày`,
  answerToAsker: (p: { id: number; text: string }) => `💬 Sở trả lời câu hỏi số ${p.id} của bạn:\n\n${p.text}`,
  traloiUsage: () => 'Cách dùng: /traloi <số câu hỏi> <nội dung trả lời>, ví dụ /traloi 12 Bạn được dùng đoạn phim này.',
  traloiSent: (p: { id: number }) => `Đã gửi câu trả lời cho câu hỏi số ${p.id}.`,
  traloiNotFound: (p: { id: string }) => `Không có câu hỏi số ${p.id}.`,
  traloiClosed: (p: { id: number }) => `Câu hỏi số ${p.id} đã đóng.`,
  traloiGone: (p: { id: number }) => `Người hỏi câu số ${p.id} đã xóa dữ liệu: không gửi được câu trả lời.`,
  traloiZaloWindow: (p: { id: number }) =>
    `Không gửi được câu trả lời cho câu hỏi số ${p.id}: người hỏi dùng Zalo và đã hơn 7 ngày không nhắn cho Loa, nên Zalo không cho gửi tin tư vấn. Câu trả lời chưa được gửi đi.`,
};
