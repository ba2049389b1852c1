// CSV of reported posts for officials (Excel in Vietnamese): UTF-8 with a BOM so Excel detects
// the encoding, CRLF rows and RFC 4180 quoting, headers in Vietnamese and English, and no formula
// injection (a cell starting with = + - @ or a tab/CR gets a leading ').
import type { PostView } from '../../../../db/queries/posts';
import type { LinkPlatform } from '../../links';
import { formatDateTime } from '../../time';
import { CSV_BOM, csvLine } from '../../text/csv';
import { vi } from '../../../i18n/vi';
import { en } from '../../../i18n/en';

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

// The CSV is shared by Vietnamese and English speakers: each label in both, from the i18n words.
const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const bilingual = (viWord: string, enWord: string) =>
  viWord === enWord ? viWord : `${capitalise(viWord)} / ${capitalise(enWord)}`;
const labels = <K extends string>(viWords: Record<K, string>, enWords: Record<K, string>) =>
  Object.fromEntries(Object.keys(viWords).map((k) => [k, bilingual(viWords[k as K], enWords[k as K])])) as Record<K, string>;

const PLATFORM_LABELS: Record<LinkPlatform, string> = labels(vi.platformNames, en.platformNames);
const STATUS_LABELS = labels(vi.postStatusNames, en.postStatusNames);

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
