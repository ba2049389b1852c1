// Validation of registration answers (zod): each parser returns the clean value or a reason code
// that the conversation turns into a Vietnamese (or English) explanation.
import { z } from 'zod';
import { parseReportedLinks } from '../../links';
import { foldForMatch } from '../../text/fold';
import type { Role } from '../../types';

export type Parsed<T, R extends string> = { ok: true; value: T } | { ok: false; reason: R };

/** Folded for comparing short answers: no diacritics, lower case, no punctuation, single spaces. */
export function foldAnswer(s: string): string {
  return foldForMatch(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** NFC, trimmed, inner whitespace collapsed to one space. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

// ---- full name ----------------------------------------------------------------------------

export type NameReason = 'name_length' | 'name_chars';
const NameSchema = z
  .string()
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(2, { message: 'name_length' })
      .max(100, { message: 'name_length' })
      // Letters (any script, with their combining marks), spaces, and . ' - as in "Đặng Thị Ngọc-Ánh".
      .regex(/^[\p{L}\p{M}][\p{L}\p{M} .'’-]*$/u, { message: 'name_chars' })
      .refine((s) => (s.match(/\p{L}/gu) ?? []).length >= 2, { message: 'name_length' }),
  );

export function parseFullName(input: string): Parsed<string, NameReason> {
  const r = NameSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, reason: (r.error.issues[0]?.message as NameReason | undefined) ?? 'name_chars' };
}

// ---- role ---------------------------------------------------------------------------------

const ROLE_WORDS: Record<string, Exclude<Role, 'official'>> = {
  '1': 'creator',
  'nha sang tao': 'creator',
  'nha sang tao noi dung': 'creator',
  'sang tao': 'creator',
  creator: 'creator',
  'content creator': 'creator',
  kol: 'creator',
  '2': 'mcn_lead',
  'truong mcn': 'mcn_lead',
  mcn: 'mcn_lead',
  'mcn lead': 'mcn_lead',
  'mcn_lead': 'mcn_lead',
  'dai dien mcn': 'mcn_lead',
  'cong ty mcn': 'mcn_lead',
};

export const RoleAnswerSchema = z
  .string()
  .transform((s) => ROLE_WORDS[foldAnswer(s)] ?? ROLE_WORDS[foldForMatch(s).trim()])
  .pipe(z.enum(['creator', 'mcn_lead']));

export function parseRoleAnswer(input: string): Parsed<'creator' | 'mcn_lead', 'role_unknown'> {
  const r = RoleAnswerSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: 'role_unknown' };
}

// ---- MCN name -----------------------------------------------------------------------------

/** Words that say "company" and do not tell two MCNs apart. */
const COMPANY_WORDS = /\b(cong ty|cty|tnhh|mtv|co phan|ctcp|jsc|co ltd|ltd|company|corp|corporation|inc)\b/gu;

/**
 * The key that finds duplicates: "Công ty TNHH Yeah1 Network", "YEAH1 network" and "yeah 1
 * network" are the same MCN. Folds case and diacritics, drops company words and every space.
 */
export function mcnNameKey(name: string): string {
  const folded = foldAnswer(name);
  const stripped = folded.replace(COMPANY_WORDS, ' ').replace(/\s+/gu, '');
  return stripped || folded.replace(/\s+/gu, '');
}

export type McnNameReason = 'mcn_length';
const McnNameSchema = z
  .string()
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(2, { message: 'mcn_length' })
      .max(100, { message: 'mcn_length' })
      .refine((s) => mcnNameKey(s).length >= 2, { message: 'mcn_length' }),
  );

export function parseMcnName(input: string): Parsed<string, McnNameReason> {
  const r = McnNameSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: 'mcn_length' };
}

const NO_MCN = new Set(['khong', 'k', 'ko', 'khong co', 'doc lap', 'tu do', 'none', 'no', 'independent', 'khong thuoc mcn', 'khong co mcn']);
/** `không` (and friends): the creator works independently. */
export const isNoMcn = (input: string): boolean => NO_MCN.has(foldAnswer(input));

/** A short code from the name key: its first 6 letters/digits upper-cased ("yeah1network" → "YEAH1N"). */
export function mcnCodeBase(nameKey: string): string {
  const base = nameKey.replace(/[^a-z0-9]/g, '').toUpperCase().slice(0, 6);
  return base.length >= 2 ? base : `MCN${base}`;
}

/** The first free code: the base, then base2, base3... */
export function pickMcnCode(nameKey: string, taken: ReadonlySet<string>): string {
  const base = mcnCodeBase(nameKey);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** Levenshtein distance (small strings: MCN keys). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The names closest to what was typed (a key containing the other counts as very close). */
export function closestMcns<T extends { nameKey: string }>(typed: string, mcns: readonly T[], max = 3): T[] {
  const key = mcnNameKey(typed);
  const score = (m: T) => {
    if (key && (m.nameKey.includes(key) || key.includes(m.nameKey))) return 0;
    return editDistance(key, m.nameKey) / Math.max(key.length, m.nameKey.length, 1);
  };
  return mcns
    .map((m) => ({ m, s: score(m) }))
    .filter((x) => x.s <= 0.6)
    .sort((a, b) => a.s - b.s)
    .slice(0, max)
    .map((x) => x.m);
}

// ---- channel links ------------------------------------------------------------------------

export const MAX_CHANNEL_LINKS = 10;
export type LinksReason = 'links_none' | 'links_rejected' | 'links_too_many';

export function parseChannelLinks(text: string, attachmentUrls: readonly string[] = []): Parsed<string[], LinksReason> & { rejected?: string[] } {
  const { accepted, rejected } = parseReportedLinks(text, attachmentUrls);
  if (rejected.length) return { ok: false, reason: 'links_rejected', rejected: rejected.map((r) => r.raw) };
  if (accepted.length === 0) return { ok: false, reason: 'links_none' };
  if (accepted.length > MAX_CHANNEL_LINKS) return { ok: false, reason: 'links_too_many' };
  return { ok: true, value: accepted.map((l) => l.url) };
}

// ---- phone --------------------------------------------------------------------------------

/** Vietnamese mobile prefixes after the 0: 3x, 5x, 7x, 8x, 9x. */
const PhoneSchema = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/[\s.\-()]/g, ''))
  .pipe(z.string().regex(/^(?:0|\+84|84)[35789]\d{8}$/))
  .transform((s) => `+84${s.replace(/^(?:0|\+84|84)/, '')}`);

/** A Vietnamese mobile number as +84xxxxxxxxx, from 0xxxxxxxxx, +84xxxxxxxxx or 84xxxxxxxxx (Zalo forms). */
export function parsePhone(input: string): Parsed<string, 'phone_invalid'> {
  const r = PhoneSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: 'phone_invalid' };
}

const SKIP = new Set(['bo qua', 'boqua', 'skip', 'khong', 'ko', 'k', 'none', 'no']);
export const isSkip = (input: string): boolean => SKIP.has(foldAnswer(input));

// ---- consent and confirmations ------------------------------------------------------------

const AGREE = new Set(['dong y', 'toi dong y', 'i agree', 'agree']);
const REFUSE = new Set(['khong dong y', 'toi khong dong y', 'tu choi', 'khong', 'ko', 'k', 'i do not agree', 'i don t agree', 'disagree', 'no']);

/**
 * Only the typed words are consent (issue 19, README "Personal data"): `đồng ý` / `tôi đồng ý`,
 * the same without diacritics (many phones type Vietnamese that way), or `I agree` / `agree`.
 * "ok", "có", a sticker or silence are not. An explicit no ends the registration.
 */
export function consentAnswer(input: string): 'agree' | 'refuse' | 'unclear' {
  const f = foldAnswer(input);
  if (AGREE.has(f)) return 'agree';
  if (REFUSE.has(f)) return 'refuse';
  return 'unclear';
}

export const isConfirm = (input: string): boolean => ['xac nhan', 'confirm'].includes(foldAnswer(input));
export const isConfirmDelete = (input: string): boolean =>
  ['xac nhan xoa', 'xac nhan xoa du lieu', 'confirm delete', 'confirm deletion'].includes(foldAnswer(input));

// ---- /capquyen ----------------------------------------------------------------------------

const GRANT_ROLES: Record<string, 'official' | 'mcn_lead'> = {
  official: 'official',
  'can bo': 'official',
  canbo: 'official',
  mcn_lead: 'mcn_lead',
  'mcn lead': 'mcn_lead',
  'truong mcn': 'mcn_lead',
  truongmcn: 'mcn_lead',
};

export interface GrantArgs {
  /** Member number (`12`, `#12`) or phone (+84…). */
  target: { memberId: number } | { phone: string };
  role: 'official' | 'mcn_lead';
  /** MCN short code, for making someone the lead of a given MCN. */
  mcnCode?: string;
}

const GrantArgsSchema = z.string().transform((s, zctx): GrantArgs => {
  const words = s.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const [who, ...rest] = words;
  if (!who) {
    zctx.addIssue({ code: 'custom', message: 'usage' });
    return z.NEVER;
  }
  let target: GrantArgs['target'];
  const id = /^#?(\d{1,9})$/.exec(who);
  const phone = parsePhone(who);
  if (phone.ok) target = { phone: phone.value };
  else if (id) target = { memberId: Number(id[1]) };
  else {
    zctx.addIssue({ code: 'custom', message: 'usage' });
    return z.NEVER;
  }
  // The role may be one or two words ("truong mcn"), then an optional MCN code.
  for (const n of [2, 1]) {
    const role = GRANT_ROLES[foldAnswer(rest.slice(0, n).join(' '))] ?? GRANT_ROLES[foldForMatch(rest.slice(0, n).join(' '))];
    if (rest.length >= n && role) {
      const code = rest[n];
      if (rest.length > n + 1) break;
      return code ? { target, role, mcnCode: code.toUpperCase() } : { target, role };
    }
  }
  zctx.addIssue({ code: 'custom', message: 'usage' });
  return z.NEVER;
});

export function parseGrantArgs(input: string): Parsed<GrantArgs, 'usage'> {
  const r = GrantArgsSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: 'usage' };
}

// ---- /lienket -----------------------------------------------------------------------------

/** A 6-digit code as typed (spaces allowed: "123 456"). */
export function parseLinkCode(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** `/ngonngu vi|en` (also "tiếng việt", "english"). */
export function parseLangArg(input: string): 'vi' | 'en' | null {
  const f = foldAnswer(input);
  if (['vi', 'vn', 'tieng viet', 'viet', 'vietnamese'].includes(f)) return 'vi';
  if (['en', 'english', 'tieng anh', 'anh'].includes(f)) return 'en';
  return null;
}
