// /quantri: the first official claims the role with the setup code printed at start (SPEC §9).
export const setup = {
  setupUsage: () => 'Cách dùng: /quantri <mã cài đặt>. Mã được in ra nhật ký máy chủ khi Loa khởi động mà chưa có cán bộ nào.',
  setupDone: () => 'Bạn đã là cán bộ đầu tiên của Loa. Gửi /trogiup để xem các lệnh, /web để mở trang quản trị, /capquyen để cấp quyền cho người khác.',
  setupRefused: () => 'Mã cài đặt không đúng, đã hết hạn hoặc đã được dùng. Hãy hỏi người vận hành máy chủ (lệnh: npm run officials -- setup-code).',
  setupHasOfficial: () => 'Loa đã có cán bộ. Hãy nhờ một cán bộ cấp quyền cho bạn bằng /capquyen.',
};
