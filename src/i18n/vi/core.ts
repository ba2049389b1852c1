// Vietnamese words of the core (welcome, help, hints, errors). Vietnamese is the source of truth.
import type { InboundContent, Role } from '../../core/types';

export const core = {
  welcome: () =>
    [
      'Xin chào! Đây là Loa 📣, kênh kết nối Sở Văn hóa và Thể thao với các nhà sáng tạo nội dung và các công ty MCN.',
      '',
      'Loa gửi bạn điểm tin báo chí mỗi sáng, thông báo và lịch họp báo của Sở, và nhận link bài đăng của bạn cho các chiến dịch.',
      '',
      'Để bắt đầu, gõ: /dangky.',
      'Xem các lệnh: /trogiup.',
    ].join('\n'),
  helpHeader: () => 'Các lệnh bạn dùng được (gõ có hoặc không có dấu /, có dấu hay không dấu đều được):',
  /** What /thongke shows, by role (SPEC §3). */
  helpStats: {
    creator: 'số bài đăng bạn đã báo cáo, theo chiến dịch',
    mcn_lead: 'số bài đăng của MCN bạn, theo chiến dịch và theo thành viên',
    official: 'số liệu một chiến dịch theo MCN, nền tảng và ngày: /thongke [#hashtag hoặc mã]',
  } satisfies Record<Role, string>,
  helpNotRegistered: () => 'Bạn chưa đăng ký. Gõ /dangky để đăng ký và dùng thêm các lệnh khác.',
  /** The one notice to a chat past 20 answered messages a minute (SPEC §4). */
  slowDown: () => 'Bạn đang gửi tin nhắn quá nhanh. Loa tạm ngừng trả lời bạn trong một phút; những gì bạn gửi vẫn được ghi nhận.',
  unknownPointer: () => 'Loa chưa hiểu. Xem lệnh: /trogiup · Hỏi Sở: /hoi rồi nội dung.',
  unknownHint: () => 'Loa chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh bạn dùng được. Muốn hỏi hoặc góp ý với Sở, gõ /hoi rồi nội dung.',
  notRegistered: () => 'Lệnh này dành cho thành viên đã đăng ký. Gõ /dangky để đăng ký.',
  officialsOnly: () => 'Xin lỗi, lệnh này chỉ dành cho cán bộ của Sở.',
  noConversation: () => 'Bạn không có cuộc trò chuyện nào đang dở.',
  conversationCancelled: () => 'Đã thoát. Những gì bạn vừa nhập chưa được lưu.',
  conversationExpired: () => 'Cuộc trò chuyện trước đã hết hạn vì quá 24 giờ chưa có trả lời; những gì bạn nhập khi đó chưa được lưu.',
  notAvailableYet: () => 'Xin lỗi, lệnh này hiện chưa dùng được. Gõ /trogiup để xem các lệnh bạn dùng được.',
  privateOnly: ({ command, url }: { command: string; url: string }) =>
    `🔒 Lệnh ${command} cần trao đổi riêng nên Loa không làm trong nhóm. Mời bạn tiếp tục trong chat riêng với Loa: ${url}`,
  privateOnlyNoLink: ({ command }: { command: string }) =>
    `🔒 Lệnh ${command} cần trao đổi riêng nên Loa không làm trong nhóm. Mời bạn mở chat riêng với Loa và gõ ${command}.`,
  privateOnlyButton: () => 'Mở chat riêng với Loa',
  unusableContent: ({ what }: { what: string }) => `Loa không dùng được ${what} ở bước này: hãy trả lời bằng chữ.`,
  answerInText: () => 'Gõ câu trả lời của bạn, hoặc /thoat để thoát.',
  contentNames: {
    sticker: 'nhãn dán (sticker)',
    photo: 'ảnh không kèm chữ',
    gif: 'ảnh động (GIF)',
    video: 'video',
    voice: 'tin nhắn thoại',
    audio: 'tệp âm thanh',
    file: 'tệp đính kèm',
    location: 'vị trí',
    contact: 'danh thiếp (liên hệ)',
    poll: 'bình chọn',
    other: 'loại tin nhắn này',
  } satisfies Record<InboundContent, string>,
  somethingWentWrong: () => 'Xin lỗi, Loa gặp lỗi khi xử lý tin nhắn này và sẽ tự thử lại. Bạn không cần gửi lại.',
};
