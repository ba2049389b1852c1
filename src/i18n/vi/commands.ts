// One-line descriptions of the chat commands, shown by /trogiup.
import type { CommandName } from '../../core/commands/catalog';

export const commandDescriptions: Record<CommandName, string> = {
  batdau: 'giới thiệu Loa',
  trogiup: 'các lệnh bạn dùng được',
  dangky: 'đăng ký thành viên',
  thoat: 'thoát cuộc trò chuyện đang dở',
  ngung: 'ngừng nhận điểm tin và thông báo',
  tieptuc: 'nhận tin trở lại',
  xoa: 'xóa dữ liệu cá nhân của bạn',
  lienket: 'liên kết tài khoản Zalo và Telegram',
  ngonngu: 'đổi ngôn ngữ: /ngonngu vi hoặc /ngonngu en',
  tin: 'điểm tin hôm nay',
  lich: 'lịch họp báo sắp tới',
  baocao: 'báo cáo link bài đăng (gửi link không cần lệnh cũng được)',
  thongke: 'thống kê bài đăng của bạn hoặc MCN của bạn',
  them: 'thêm bài báo vào điểm tin: /them <link> [tiêu đề]',
  thongbao: 'gửi thông báo (xem trước rồi xác nhận): /thongbao <nội dung>',
  hop: 'tạo họp báo: /hop <tên> | <dd/mm/yyyy hh:mm> | <địa điểm hoặc link>',
  chiendich: 'tạo chiến dịch: /chiendich <tên> #hashtag | <từ dd/mm/yyyy> | <đến dd/mm/yyyy>',
  xuat: 'xuất CSV bài đăng của chiến dịch: /xuat <#hashtag hoặc mã>',
  web: 'link đăng nhập trang quản trị (trong chat riêng)',
  capquyen: 'cấp quyền cán bộ hoặc trưởng MCN cho thành viên',
  duyet: 'duyệt trưởng MCN đang chờ: /duyet <mã thành viên>, từ chối: /duyet khong <mã thành viên>',
  dung: 'chọn dùng một bài trong điểm tin: dung <số>',
  thamdu: 'tham dự họp báo: thamdu <mã>',
  khongthamdu: 'không tham dự họp báo: khong <mã>',
};
