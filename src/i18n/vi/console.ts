// /web: the sign-in link to the officials' console (SPEC §7).
export const console = {
  consoleLink: (p: { url: string; minutes: number }) =>
    `Link đăng nhập trang quản trị Loa (dùng một lần, hết hạn sau ${p.minutes} phút):\n${p.url}\n\nĐừng chuyển link này cho ai. Cần link mới thì gửi /web lần nữa.`,
  consoleHome: (p: { url: string }) => `Trang quản trị: ${p.url}`,
  consolePrivateOnly: () => 'Vì an toàn, link đăng nhập chỉ được gửi trong chat riêng với Loa. Hãy nhắn /web cho Loa trong chat riêng.',
};
