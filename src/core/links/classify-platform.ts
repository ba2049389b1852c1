// Which platform a link host belongs to, plus the table of Vietnamese press outlets used for "news" links.

export type LinkPlatform = 'tiktok' | 'facebook' | 'youtube' | 'instagram' | 'zalo' | 'threads' | 'x' | 'news' | 'other';

/**
 * Vietnamese press hosts → display name. Keys are registrable hosts without `www.`;
 * subdomains (e.g. `e.vnexpress.net`, `svvn.tienphong.vn`) belong to the same outlet.
 * Government portals (`*.gov.vn`) are deliberately absent: they are "other", not press.
 */
export const PRESS_OUTLETS: Readonly<Record<string, string>> = Object.freeze({
  'sggp.org.vn': 'Sài Gòn Giải Phóng',
  'tuoitre.vn': 'Tuổi Trẻ',
  'tuoitrenews.vn': 'Tuổi Trẻ News',
  'vnexpress.net': 'VnExpress',
  'nhandan.vn': 'Nhân Dân',
  'nhandan.com.vn': 'Nhân Dân',
  'thanhnien.vn': 'Thanh Niên',
  'nld.com.vn': 'Người Lao Động',
  'plo.vn': 'Pháp Luật TP.HCM',
  'dantri.com.vn': 'Dân Trí',
  'vietnamnet.vn': 'VietNamNet',
  'zingnews.vn': 'Znews',
  'znews.vn': 'Znews',
  'baochinhphu.vn': 'Báo Chính phủ',
  'vtv.vn': 'VTV',
  'vov.vn': 'VOV',
  'vtc.vn': 'VTC News',
  'htv.com.vn': 'HTV',
  'hcmcpv.org.vn': 'Đảng bộ TP.HCM',
  'laodong.vn': 'Lao Động',
  'tienphong.vn': 'Tiền Phong',
  'baomoi.com': 'Báo Mới',
  'vietnamplus.vn': 'VietnamPlus',
  'vnanet.vn': 'Thông tấn xã Việt Nam',
  'baotintuc.vn': 'Báo Tin tức',
  'vietnamnews.vn': 'Việt Nam News',
  'qdnd.vn': 'Quân đội Nhân dân',
  'cand.com.vn': 'Công an Nhân dân',
  'congan.com.vn': 'Công an TP.HCM',
  'dangcongsan.vn': 'Đảng Cộng sản Việt Nam',
  'tapchicongsan.org.vn': 'Tạp chí Cộng sản',
  'daidoanket.vn': 'Đại Đoàn Kết',
  'phunuonline.com.vn': 'Phụ Nữ TP.HCM',
  'giaoducthoidai.vn': 'Giáo dục & Thời đại',
  'thethaovanhoa.vn': 'Thể thao & Văn hóa',
  'baovanhoa.vn': 'Văn Hóa',
  'toquoc.vn': 'Tổ Quốc',
  'hanoimoi.vn': 'Hà Nội Mới',
  'kinhtedothi.vn': 'Kinh tế & Đô thị',
  'anninhthudo.vn': 'An ninh Thủ đô',
  'baophapluat.vn': 'Pháp luật Việt Nam',
  'nguoiduatin.vn': 'Người Đưa Tin',
  'thesaigontimes.vn': 'The Saigon Times',
  'baodautu.vn': 'Báo Đầu tư',
  'vneconomy.vn': 'VnEconomy',
  'cafef.vn': 'CafeF',
  'kenh14.vn': 'Kênh 14',
  'soha.vn': 'Soha',
  '24h.com.vn': '24h',
});

/** Registrable host suffixes per social platform; a host matches itself or any subdomain of an entry. */
const PLATFORM_HOSTS: ReadonlyArray<readonly [LinkPlatform, readonly string[]]> = [
  ['tiktok', ['tiktok.com']],
  ['facebook', ['facebook.com', 'fb.com', 'fb.watch', 'fb.me', 'fb.gg']],
  ['youtube', ['youtube.com', 'youtu.be', 'youtube-nocookie.com']],
  ['instagram', ['instagram.com', 'instagr.am']],
  ['threads', ['threads.com', 'threads.net']],
  ['x', ['x.com', 'twitter.com']],
  ['zalo', ['zalo.me', 'zaloapp.com']],
];

/** Lower-case, drop a trailing dot and any `:port`, so callers may pass `URL.host` or a hand-typed host. */
function cleanHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (!h.startsWith('[')) h = h.replace(/:\d*$/, '');
  return h.replace(/\.+$/, '');
}

function isSameOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/** The PRESS_OUTLETS key that `host` falls under (itself or a parent domain), if any. */
function pressKey(host: string): string | undefined {
  let h = host;
  for (;;) {
    if (Object.prototype.hasOwnProperty.call(PRESS_OUTLETS, h)) return h;
    const dot = h.indexOf('.');
    if (dot < 0) return undefined;
    h = h.slice(dot + 1);
  }
}

export function classifyPlatform(host: string): LinkPlatform {
  const h = cleanHost(host);
  for (const [platform, domains] of PLATFORM_HOSTS) {
    if (domains.some((d) => isSameOrSubdomain(h, d))) return platform;
  }
  return pressKey(h) !== undefined ? 'news' : 'other';
}

/**
 * Display name for a link's outlet: the press name for a known outlet (subdomains included),
 * otherwise the host itself without `www.`/`m.` so the digest groups "www.x.vn" with "x.vn".
 */
export function outletName(host: string): string {
  let h = cleanHost(host);
  while (/^(?:www|m|mobile)\./.test(h) && h.indexOf('.') !== h.lastIndexOf('.')) {
    h = h.slice(h.indexOf('.') + 1);
  }
  const key = pressKey(h);
  return key !== undefined ? (PRESS_OUTLETS[key] ?? h) : h;
}
