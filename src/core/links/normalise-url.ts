// Turns one reported link into a canonical URL (or a reject reason) offline, so the same post dedupes across share forms.
import { classifyPlatform } from './classify-platform';
import type { LinkPlatform } from './classify-platform';

export type RejectReason = 'unsupported_scheme' | 'too_long' | 'ip_or_localhost' | 'invalid';

export interface NormalisedLink {
  ok: true;
  /** The input exactly as received. */
  raw: string;
  /** Canonical URL: always https, lower-case host, no tracking, sorted query, no fragment. */
  url: string;
  /** Host of `url` (no port). */
  host: string;
  platform: LinkPlatform;
  /** True for redirector links (vt.tiktok.com, fb.watch, facebook.com/share/…, bit.ly…) whose target post is unknown offline. */
  short: boolean;
  /** Platform post id when the URL carries one (YouTube video id, TikTok video id, Instagram shortcode…). */
  contentId?: string;
}

export interface RejectedLink {
  ok: false;
  raw: string;
  reason: RejectReason;
}

export const MAX_URL_LENGTH = 2048;

interface QueryParam {
  /** Decoded, lower-cased name, used only for matching. */
  name: string;
  /** Decoded value. */
  value: string;
  /** `name=value` exactly as serialised by the URL parser, so output keeps the original encoding. */
  raw: string;
}

interface Parts {
  host: string;
  port: string;
  /** Non-empty path segments, still percent-encoded. */
  segments: string[];
  params: QueryParam[];
}

interface Canonical {
  host: string;
  path: string;
  query: QueryParam[];
  short?: boolean;
  contentId?: string;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/** Query parameters that only track the sharer/campaign and never identify content. */
const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'igshid', 'igsh', 'si', '_r', '_t',
  'is_from_webapp', 'sender_device', 'sender_web_id', 'share_app_id', 'share_link_id', 'share_item_id',
  'ref', 'ref_src', 'ref_url', 'mibextid', 'rdid', 'share_url', '__tn__',
  'zarsrc', 'zl_source', 'gidzl',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '_ga', '_gl',
]);
const TRACKING_PREFIXES: readonly string[] = ['utm_', '__cft__'];

/** Host-specific extras: harmless on these hosts, but meaningful words elsewhere. */
const HOST_TRACKING_PARAMS: Readonly<Record<string, readonly string[]>> = {
  'youtube.com': ['feature', 'pp', 'ab_channel', 'embeds_referring_euri', 'embeds_referring_origin', 'source_ve_path'],
  'music.youtube.com': ['feature', 'pp'],
  'x.com': ['s', 't', 'ref_url'],
};

/** Facebook adds an ever-changing set of junk params, so keep only those that identify content. */
const FACEBOOK_KEEP_PARAMS: ReadonlySet<string> = new Set(['v', 'story_fbid', 'id', 'fbid', 'set']);

/** Hosts where the query never identifies a post, so all of it goes. */
const DROP_ALL_QUERY_PLATFORMS: ReadonlySet<LinkPlatform> = new Set(['tiktok', 'instagram', 'threads']);

const HOST_ALIASES: Readonly<Record<string, string>> = {
  'fb.com': 'facebook.com',
  'twitter.com': 'x.com',
  // Threads moved its web app to threads.com in 2025; threads.net now redirects there.
  'threads.net': 'threads.com',
  'instagr.am': 'instagram.com',
  'youtube-nocookie.com': 'youtube.com',
};

/** Alternative Facebook front-ends (web., mbasic., vi-vn. …) that show the same post. */
const FACEBOOK_FRONTEND = /^(?:web|touch|mbasic|mtouch|free|[a-z]{2}-[a-z]{2})\.facebook\.com$/;

/** Link shims that wrap the real target in a query parameter; unwrapped offline. */
const LINK_SHIMS: Readonly<Record<string, { path: string; param: string }>> = {
  'l.facebook.com': { path: 'l.php', param: 'u' },
  'lm.facebook.com': { path: 'l.php', param: 'u' },
  'l.instagram.com': { path: '', param: 'u' },
};

/** Generic URL shorteners: the target is unknown without a network call. */
const SHORTENER_HOSTS: ReadonlySet<string> = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'cutt.ly', 'rebrand.ly',
  'shorturl.at', 'tiny.cc', 't.ly', 'rb.gy', 's.id', 'lnkd.in',
]);

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const NUMERIC_ID = /^\d+$/;

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

export function normaliseUrl(raw: string): NormalisedLink | RejectedLink {
  return normaliseInner(raw, raw, 0);
}

function normaliseInner(raw: string, input: string, depth: number): NormalisedLink | RejectedLink {
  const reject = (reason: RejectReason): RejectedLink => ({ ok: false, raw, reason });

  const text = input.trim().normalize('NFC');
  if (text.length === 0) return reject('invalid');
  if (text.length > MAX_URL_LENGTH) return reject('too_long');

  const withScheme = addScheme(text);
  if (withScheme === null) return reject('unsupported_scheme');

  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return reject('invalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject('unsupported_scheme');

  let host = url.hostname.replace(/\.+$/, '');
  if (isIpLiteral(host) || host === 'localhost' || host.endsWith('.localhost')) return reject('ip_or_localhost');
  if (!host.includes('.') || host.split('.').some((label) => label.length === 0)) return reject('invalid');

  const params = parseQuery(url.search);
  const segments = url.pathname.split('/').filter((s) => s.length > 0);

  const shim = LINK_SHIMS[host];
  if (shim && depth === 0 && segments.join('/') === shim.path) {
    const target = params.find((p) => p.name === shim.param)?.value;
    if (target) return normaliseInner(raw, target, depth + 1);
  }

  host = canonicalHost(host);
  const platform = classifyPlatform(host);
  // Default ports vanish; 443 on http:// is also the https default once we upgrade the scheme.
  const port = url.port === '80' || url.port === '443' ? '' : url.port;
  const parts: Parts = { host, port, segments, params };

  const c = canonicalise(platform, parts);
  const query = c.query
    .slice()
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0))
    .map((p) => p.raw)
    .join('&');
  const canonicalUrl = `https://${c.host}${port ? `:${port}` : ''}${c.path}${query ? `?${query}` : ''}`;

  const out: NormalisedLink = {
    ok: true,
    raw,
    url: canonicalUrl,
    host: c.host,
    platform: classifyPlatform(c.host),
    short: c.short ?? SHORTENER_HOSTS.has(c.host),
  };
  if (c.contentId !== undefined) out.contentId = c.contentId;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/**
 * Adds https:// to scheme-less input. Returns null for a non-web scheme. `host:port` (e.g.
 * `localhost:3000`, `example.com:8080/x`) looks like `scheme:` to a naive check, so it is
 * recognised as a host when the "scheme" is localhost or dotted and is followed by a port.
 */
function addScheme(text: string): string | null {
  if (text.startsWith('//')) return `https:${text}`;
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/is.exec(text);
  if (!m) return `https://${text}`;
  const scheme = (m[1] ?? '').toLowerCase();
  const rest = m[2] ?? '';
  const looksLikeHostPort = (scheme === 'localhost' || scheme.includes('.')) && /^\d{1,5}(?:[/?#]|$)/.test(rest);
  if (looksLikeHostPort) return `https://${text}`;
  if (scheme === 'http' || scheme === 'https') return text;
  return null;
}

function isIpLiteral(host: string): boolean {
  // The URL parser already rewrote shorthand/hex IPv4 forms (127.1, 0x7f.1) to dotted decimal.
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** Strip mobile/www prefixes and fold alias domains, so every front-end of a site shares one host. */
function canonicalHost(hostname: string): string {
  let host = hostname;
  for (;;) {
    const m = /^(?:www|m|mobile)\.(.+)$/.exec(host);
    // Never strip down to a bare TLD ("m.me" stays "m.me").
    if (!m?.[1]?.includes('.')) break;
    host = m[1];
  }
  host = HOST_ALIASES[host] ?? host;
  if (FACEBOOK_FRONTEND.test(host)) host = 'facebook.com';
  return host;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function parseQuery(search: string): QueryParam[] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((p) => p.length > 0)
    .map((rawParam) => {
      const eq = rawParam.indexOf('=');
      const name = eq < 0 ? rawParam : rawParam.slice(0, eq);
      const value = eq < 0 ? '' : rawParam.slice(eq + 1);
      return { name: safeDecode(name).toLowerCase(), value: safeDecode(value), raw: rawParam };
    });
}

function isTracking(name: string, host: string): boolean {
  if (TRACKING_PARAMS.has(name)) return true;
  if (TRACKING_PREFIXES.some((p) => name.startsWith(p))) return true;
  return HOST_TRACKING_PARAMS[host]?.includes(name) ?? false;
}

function pathOf(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

function param(parts: Parts, name: string): QueryParam | undefined {
  return parts.params.find((p) => p.name === name && p.value.length > 0);
}

/** A single `name=value` param re-serialised, used when a canonical form keeps only the id. */
function only(name: string, value: string): QueryParam[] {
  return [{ name, value, raw: `${name}=${encodeURIComponent(value)}` }];
}

/** Fallback for any host: path kept (minus trailing slash), tracking params dropped. */
function generic(parts: Parts, platform: LinkPlatform): Canonical {
  let query: QueryParam[];
  if (DROP_ALL_QUERY_PLATFORMS.has(platform)) query = [];
  else if (platform === 'facebook') query = parts.params.filter((p) => FACEBOOK_KEEP_PARAMS.has(p.name));
  else query = parts.params.filter((p) => !isTracking(p.name, parts.host));
  return { host: parts.host, path: pathOf(parts.segments), query };
}

// ---------------------------------------------------------------------------------------------
// Per-platform canonical forms
// ---------------------------------------------------------------------------------------------

function canonicalise(platform: LinkPlatform, parts: Parts): Canonical {
  switch (platform) {
    case 'youtube':
      return youtube(parts) ?? generic(parts, platform);
    case 'tiktok':
      return tiktok(parts) ?? generic(parts, platform);
    case 'facebook':
      return facebook(parts) ?? generic(parts, platform);
    case 'instagram':
      return instagram(parts) ?? generic(parts, platform);
    case 'threads':
      return threads(parts) ?? generic(parts, platform);
    case 'x':
      return x(parts) ?? generic(parts, platform);
    default:
      return generic(parts, platform);
  }
}

function youtubeWatch(id: string): Canonical {
  return { host: 'youtube.com', path: '/watch', query: only('v', id), contentId: id };
}

/** youtu.be/ID, /shorts/ID, /live/ID, /embed/ID, music.youtube.com/watch → youtube.com/watch?v=ID (only v kept). */
function youtube(parts: Parts): Canonical | null {
  const [s0, s1] = parts.segments;
  if (parts.host === 'youtu.be') {
    return s0 && YOUTUBE_ID.test(s0) ? youtubeWatch(s0) : null;
  }
  if (parts.host !== 'youtube.com' && parts.host !== 'music.youtube.com') return null;
  if (s0 === 'watch' && s1 === undefined) {
    const v = param(parts, 'v')?.value;
    return v && YOUTUBE_ID.test(v) ? youtubeWatch(v) : null;
  }
  if (s0 && s1 && ['shorts', 'live', 'embed', 'v', 'e'].includes(s0) && YOUTUBE_ID.test(s1)) {
    return youtubeWatch(s1);
  }
  if (s0 === 'playlist' && s1 === undefined) {
    const list = param(parts, 'list')?.value;
    if (list) return { host: parts.host, path: '/playlist', query: only('list', list), contentId: list };
  }
  return null;
}

/**
 * tiktok.com/@user/video|photo/ID kept as is. Forms without a user (embed, /v/ID.html, share,
 * player) become tiktok.com/@_/video/ID: TikTok redirects "@_" to the real author, and it keeps
 * a single path shape for every video. vt./vm. and /t/ short links are kept and flagged short.
 */
function tiktok(parts: Parts): Canonical | null {
  const segs = parts.segments;
  const [s0, s1, s2] = segs;
  if (parts.host === 'vt.tiktok.com' || parts.host === 'vm.tiktok.com') {
    return segs.length > 0 ? { host: parts.host, path: pathOf(segs), query: [], short: true } : null;
  }
  if (parts.host !== 'tiktok.com') return null;
  if (s0?.startsWith('@') && s0.length > 1 && (s1 === 'video' || s1 === 'photo') && s2 && NUMERIC_ID.test(s2)) {
    return { host: 'tiktok.com', path: `/${s0}/${s1}/${s2}`, query: [], contentId: s2 };
  }
  if (s0 === 't' && s1) return { host: 'tiktok.com', path: `/t/${s1}`, query: [], short: true };
  const userless =
    (s0 === 'embed' && (s1 === 'v2' || s1 === 'v3') ? s2 : undefined) ??
    (s0 === 'embed' ? s1 : undefined) ??
    (s0 === 'v' ? s1?.replace(/\.html$/, '') : undefined) ??
    (s0 === 'share' && s1 === 'video' ? s2 : undefined) ??
    (s0 === 'player' && s1 === 'v1' ? s2 : undefined);
  if (userless && NUMERIC_ID.test(userless)) {
    return { host: 'tiktok.com', path: `/@_/video/${userless}`, query: [], contentId: userless };
  }
  return null;
}

/**
 * Facebook: watch?v=ID, /reel/ID, /<page>/posts|videos/ID, permalink/story/photo ids.
 * fb.watch, fb.me and facebook.com/share/… are redirectors: kept, flagged short.
 */
function facebook(parts: Parts): Canonical | null {
  const segs = parts.segments;
  const [s0, s1] = segs;
  if (parts.host === 'fb.watch' || parts.host === 'fb.me') {
    return segs.length > 0 ? { host: parts.host, path: pathOf(segs), query: [], short: true } : null;
  }
  if (parts.host !== 'facebook.com') return null;
  if (s0 === 'share' && s1) return { host: 'facebook.com', path: pathOf(segs), query: [], short: true };
  if (s0 === 'watch') {
    const v = param(parts, 'v')?.value;
    if (v) return { host: 'facebook.com', path: '/watch', query: only('v', v), contentId: v };
    return null;
  }
  if ((s0 === 'reel' || s0 === 'reels') && s1) {
    return { host: 'facebook.com', path: `/reel/${s1}`, query: [], contentId: s1 };
  }
  const base = generic(parts, 'facebook');
  if (s0 === 'permalink.php' || s0 === 'story.php') {
    const id = param(parts, 'story_fbid')?.value;
    return id ? { ...base, contentId: id } : base;
  }
  if (s0 === 'photo.php' || s0 === 'photo') {
    const id = param(parts, 'fbid')?.value;
    return id ? { ...base, contentId: id } : base;
  }
  // /<page>/posts/ID, /<page>/videos/ID, /<page>/videos/<slug>/ID, /groups/<g>/posts|permalink/ID
  const kindAt = s0 === 'groups' ? 2 : 1;
  const kind = segs[kindAt];
  if (kind === 'posts' || kind === 'videos' || kind === 'permalink') {
    const tail = segs.slice(kindAt + 1);
    const id = tail.find((s) => NUMERIC_ID.test(s)) ?? tail[0];
    return id ? { ...base, contentId: id } : base;
  }
  return null;
}

/** instagram.com[/<user>]/p|reel|reels|tv/CODE → /p/CODE or /reel/CODE (reels→reel, tv→p). */
function instagram(parts: Parts): Canonical | null {
  const segs = parts.segments;
  const at = ['p', 'reel', 'reels', 'tv'].includes(segs[0] ?? '') ? 0 : ['p', 'reel', 'reels', 'tv'].includes(segs[1] ?? '') ? 1 : -1;
  if (at < 0) return null;
  const kind = segs[at];
  const code = segs[at + 1];
  if (!code) return null;
  const canonicalKind = kind === 'reel' || kind === 'reels' ? 'reel' : 'p';
  return { host: 'instagram.com', path: `/${canonicalKind}/${code}`, query: [], contentId: code };
}

/** threads.com/@user/post/CODE and threads.com/t/CODE; query dropped. */
function threads(parts: Parts): Canonical | null {
  const [s0, s1, s2] = parts.segments;
  if (s0?.startsWith('@') && s1 === 'post' && s2) {
    return { host: 'threads.com', path: `/${s0}/post/${s2}`, query: [], contentId: s2 };
  }
  if (s0 === 't' && s1) return { host: 'threads.com', path: `/t/${s1}`, query: [], contentId: s1 };
  return null;
}

/** x.com/<user>/status/ID (photo/video suffixes dropped); user-less forms → x.com/i/status/ID. */
function x(parts: Parts): Canonical | null {
  const [s0, s1, s2, s3] = parts.segments;
  if (s0 === 'i') {
    const id = s1 === 'status' ? s2 : s1 === 'web' && s2 === 'status' ? s3 : undefined;
    return id && NUMERIC_ID.test(id) ? { host: 'x.com', path: `/i/status/${id}`, query: [], contentId: id } : null;
  }
  if (s0 && (s1 === 'status' || s1 === 'statuses') && s2 && NUMERIC_ID.test(s2)) {
    return { host: 'x.com', path: `/${s0}/status/${s2}`, query: [], contentId: s2 };
  }
  return null;
}
