// The Telegram command menu (setMyCommands), Vietnamese and English; names are ASCII as the Bot API requires.
import type { BotCommand } from 'telegraf/types';

export interface MenuCommand {
  /** Vietnamese command name (no diacritics: Telegram allows only a-z, 0-9 and _). */
  vi: string;
  en: string;
  descriptionVi: string;
  descriptionEn: string;
}

export const TELEGRAM_COMMANDS: readonly MenuCommand[] = [
  { vi: 'batdau', en: 'start', descriptionVi: 'Giới thiệu Loa', descriptionEn: 'About Loa' },
  { vi: 'trogiup', en: 'help', descriptionVi: 'Các lệnh bạn dùng được', descriptionEn: 'Commands you can use' },
  { vi: 'dangky', en: 'register', descriptionVi: 'Đăng ký thành viên', descriptionEn: 'Register' },
  { vi: 'thoat', en: 'cancel', descriptionVi: 'Thoát cuộc trò chuyện', descriptionEn: 'Leave the conversation' },
  { vi: 'ngung', en: 'stop', descriptionVi: 'Ngừng nhận tin', descriptionEn: 'Stop messages' },
  { vi: 'tieptuc', en: 'resume', descriptionVi: 'Nhận tin trở lại', descriptionEn: 'Resume messages' },
  { vi: 'xoa', en: 'delete', descriptionVi: 'Xoá dữ liệu cá nhân', descriptionEn: 'Delete my data' },
  { vi: 'lienket', en: 'link', descriptionVi: 'Liên kết Zalo và Telegram', descriptionEn: 'Link Zalo and Telegram' },
  { vi: 'tin', en: 'news', descriptionVi: 'Điểm tin hôm nay', descriptionEn: "Today's digest" },
  { vi: 'lich', en: 'briefings', descriptionVi: 'Lịch họp báo', descriptionEn: 'Upcoming briefings' },
  { vi: 'baocao', en: 'report', descriptionVi: 'Báo cáo link bài đăng', descriptionEn: 'Report post links' },
  { vi: 'thongke', en: 'stats', descriptionVi: 'Thống kê', descriptionEn: 'Statistics' },
  { vi: 'ngonngu', en: 'language', descriptionVi: 'Đổi ngôn ngữ', descriptionEn: 'Language' },
];

/** The setMyCommands list for one language: Vietnamese names and descriptions, or English ones. */
export function commandsFor(lang: 'vi' | 'en'): BotCommand[] {
  return TELEGRAM_COMMANDS.map((c) =>
    lang === 'vi' ? { command: c.vi, description: c.descriptionVi } : { command: c.en, description: c.descriptionEn },
  );
}
