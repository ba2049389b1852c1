// Who an announcement or briefing goes to: everyone (default), some roles (@creator, @mcn_lead),
// one MCN (@mcn:<code>), written as prefixes of the text. Plus counting recipients per platform.
import type { Db } from '../../../db/client';
import { findMcnByCode, someMcnCodes } from '../../../db/queries/announcements';
import { audienceCountsOf } from '../../../db/queries/audience-counts';
import type { Recipient, RecipientFilter } from '../../../db/queries/recipients';
import type { AnnouncementAudience, AnnouncementCounts } from '../../../db/schema';
import type { Messages } from '../../i18n';
import { hasPrivateChat } from '../outbox/private-chat';
import { isInsideZaloWindow } from '../outbox/zalo-window';
import { foldForMatch } from '../text/fold';
import { zaloWindowCutoff } from './queue-digest';
import type { Role } from '../types';

/** Leading `@...` words (the audience) and the text after them, as typed. */
export function splitAudiencePrefix(input: string): { tokens: string[]; rest: string } {
  const tokens: string[] = [];
  let rest = input.trim();
  for (;;) {
    const m = /^@(\S+)\s*/u.exec(rest);
    if (!m) break;
    tokens.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { tokens, rest: rest.trim() };
}

const ROLE_WORDS: Record<string, Exclude<Role, 'official'> | 'all'> = {
  all: 'all',
  tatca: 'all',
  everyone: 'all',
  creator: 'creator',
  creators: 'creator',
  nhasangtao: 'creator',
  kol: 'creator',
  mcnlead: 'mcn_lead',
  mcnleads: 'mcn_lead',
  lead: 'mcn_lead',
  truongmcn: 'mcn_lead',
};

export type AudienceResult =
  | { ok: true; audience: AnnouncementAudience }
  | { ok: false; error: 'unknown'; token: string }
  | { ok: false; error: 'mcn_unknown'; code: string; codes: string[] }
  | { ok: false; error: 'two_mcns' };

/** Resolves the `@` words (without the `@`) into an audience, looking MCN codes up. */
export async function resolveAudience(db: Db, tokens: string[]): Promise<AudienceResult> {
  const roles = new Set<Role>();
  const audience: AnnouncementAudience = {};
  for (const token of tokens) {
    const mcn = /^mcn[:=](.+)$/iu.exec(token);
    if (mcn) {
      if (audience.mcnId != null) return { ok: false, error: 'two_mcns' };
      const code = mcn[1]!.trim();
      const row = await findMcnByCode(db, code);
      if (!row) return { ok: false, error: 'mcn_unknown', code, codes: await someMcnCodes(db) };
      Object.assign(audience, { mcnId: row.id, mcnCode: row.code, mcnName: row.name });
      continue;
    }
    const word = ROLE_WORDS[foldForMatch(token).replace(/[^\p{L}\p{N}]/gu, '')];
    if (!word) return { ok: false, error: 'unknown', token: `@${token}` };
    if (word !== 'all') roles.add(word);
  }
  if (roles.size) audience.roles = [...roles].sort();
  return { ok: true, audience };
}

export function audienceErrorText(t: Messages, r: Exclude<AudienceResult, { ok: true }>): string {
  switch (r.error) {
    case 'unknown':
      return t.audienceUnknown({ token: r.token });
    case 'mcn_unknown':
      return t.audienceMcnUnknown({ code: r.code, codes: r.codes.join(', ') });
    case 'two_mcns':
      return t.audienceTwoMcns();
  }
}

export function audienceFilter(a: AnnouncementAudience): RecipientFilter {
  return { ...(a.roles?.length ? { roles: a.roles } : {}), ...(a.mcnId != null ? { mcnId: a.mcnId } : {}) };
}

/** "tất cả thành viên", "nhà sáng tạo", "nhà sáng tạo · thành viên của MCN Yeah1 (YEAH1)". */
export function describeAudience(t: Messages, a: AnnouncementAudience): string {
  const parts: string[] = [];
  for (const r of a.roles ?? []) parts.push(r === 'creator' ? t.audienceRoleCreator() : t.audienceRoleMcnLead());
  if (a.mcnId != null) parts.push(t.audienceMcn({ name: a.mcnName ?? '?', code: a.mcnCode ?? String(a.mcnId) }));
  return parts.length ? parts.join(' · ') : t.audienceEveryone();
}

/** Whether a member belongs to the audience (officials always do). */
export function isInAudience(a: AnnouncementAudience, m: { role: Role; mcnId: number | null }): boolean {
  if (m.role === 'official') return true;
  if (a.roles?.length && !a.roles.includes(m.role)) return false;
  if (a.mcnId != null && m.mcnId !== a.mcnId) return false;
  return true;
}

/** Recipients per platform; Zalo split by the 7-day window at `now`, Telegram by the private chat. */
export function countRecipients(recipients: Recipient[], now: Date): AnnouncementCounts {
  const members = new Set<number>();
  const c: AnnouncementCounts = { members: 0, telegram: 0, telegramNoPrivateChat: 0, zalo: 0, zaloReachable: 0, zaloOutsideWindow: 0 };
  for (const r of recipients) {
    members.add(r.memberId);
    if (r.platform === 'telegram') {
      c.telegram++;
      if (!hasPrivateChat(r)) c.telegramNoPrivateChat!++;
    } else {
      c.zalo++;
      if (isInsideZaloWindow(r.lastInboundAt, now)) c.zaloReachable++;
      else c.zaloOutsideWindow++;
    }
  }
  c.members = members.size;
  return c;
}

/**
 * countRecipients(pushRecipients(db, audienceFilter(a)), now) without reading the audience: from
 * the trigger-kept audience_counts (db/queries/audience-counts.ts). For previews and pages; a
 * fan-out still reads the recipients themselves.
 */
export async function countAudience(db: Db, a: AnnouncementAudience, now: Date): Promise<AnnouncementCounts> {
  return audienceCountsOf(db, audienceFilter(a), zaloWindowCutoff(now));
}
