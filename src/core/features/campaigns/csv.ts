// CSV of reported posts for officials (Excel in Vietnamese): UTF-8 with a BOM so Excel detects
// the encoding, CRLF rows and RFC 4180 quoting, headers in Vietnamese and English, and no formula
// injection (a cell starting with = + - @ or a tab/CR gets a leading ').
import type { PostView } from '../../../../db/queries/posts';
import type { LinkPlatform } from '../../links';
import { formatDateTime } from '../../time';
import { CSV_BOM, csvLine } from '../../text/csv';


export const POST_CSV_HEADER = [
  'Mã / ID',
  'Chiến dịch / Campaign',
  'Link chuẩn hóa / Normalised URL',
  'Link gốc / Reported URL',
  'Nền tảng / Platform',
  'Link rút gọn / Short link',
  'Mã nội dung / Content ID',
  'Mã thành viên / Member ID',
  'Người báo cáo / Reporter',
  'MCN',
  'Kênh chat / Chat platform',
  'Thời điểm báo cáo / Reported at',
  'Trạng thái / Status',
  'Ghi chú duyệt / Review note',
  'Thời điểm duyệt / Reviewed at',
] as const;

const PLATFORM_LABELS: Record<LinkPlatform, string> = {
  tiktok: 'TikTok',
  facebook: 'Facebook',
  youtube: 'YouTube',
  instagram: 'Instagram',
  zalo: 'Zalo',
  threads: 'Threads',
  x: 'X',
  news: 'Báo chí / News',
  other: 'Khác / Other',
};
const STATUS_LABELS = { pending: 'Chờ duyệt / Pending', valid: 'Hợp lệ / Valid', invalid: 'Không hợp lệ / Invalid' } as const;

export function postCsvRow(p: PostView, timeZone: string, deletedName: string): string {
  return csvLine([
    p.id,
    p.campaignName ?? '',
    p.url,
    p.rawUrl,
    PLATFORM_LABELS[p.platform],
    p.short ? 'có / yes' : 'không / no',
    p.contentId,
    p.memberId,
    p.memberName ?? deletedName,
    p.mcnName ?? '',
    p.reporterPlatform,
    formatDateTime(p.reportedAt, timeZone),
    STATUS_LABELS[p.status],
    p.reviewNote,
    p.reviewedAt ? formatDateTime(p.reviewedAt, timeZone) : '',
  ]);
}

export const postCsvHeader = (): string => CSV_BOM + csvLine(POST_CSV_HEADER);
