// Saves a confirmed registration in the event's batch: the member (or the official's existing row),
// the identity attached to it, a new MCN for a lead, and the audit rows. Nothing is written before
// the member confirms; the conversation row that held the answers is deleted in the same batch.
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import {
  attachIdentityQuery,
  auditQuery,
  completeRegistrationQuery,
  findMcnById,
  findMcnByKey,
  insertMcnQuery,
  insertMemberQuery,
  lastInsertedMemberId,
  mcnCodesLike,
  mcnIdByKey,
  memberIdOfIdentity,
  setMcnCreatorQuery,
} from '../../../db/queries/members';
import { leadStatusForMcn, mcnHasApprovedLead } from '../../../db/queries/leads';
import type { HandlerContext } from '../commands/handler-context';
import { mcnCodeBase, mcnNameKey, pickMcnCode } from '../features/members/answers';
import { pendingLeadNoticeWrites } from './pending-leads';

/** Version of the consent text (src/i18n/*\/members.ts regAskConsent); stored with each consent. */
export const CONSENT_VERSION = '2026-11-v1';

/** The answers of a registration conversation, as stored in its row (JSON). */
export const RegDataSchema = z.object({
  name: z.string().min(2).max(100).optional(),
  role: z.enum(['creator', 'mcn_lead', 'official']).optional(),
  /** `{id}` an existing MCN, `{newName}` one the lead creates, null = independent. */
  mcn: z.union([z.object({ id: z.number().int() }), z.object({ newName: z.string().min(2).max(100) }), z.null()]).optional(),
  links: z.array(z.string()).max(10).optional(),
  /** null = skipped. */
  phone: z.string().nullable().optional(),
  /** When `đồng ý` was answered (epoch ms). */
  consentAt: z.number().int().optional(),
});
export type RegData = z.infer<typeof RegDataSchema>;

const CompleteSchema = RegDataSchema.required({ name: true, role: true, phone: true, consentAt: true });

export interface RegisteredMember {
  /** Known for an existing row (an official from configuration); a new member's id is assigned by the batch. */
  memberId: number | null;
  role: 'creator' | 'mcn_lead' | 'official';
  mcn: { name: string; code: string; created: boolean } | null;
  /** A lead who named an MCN that already has a lead waits for approval (SPEC §6). */
  pendingLead: boolean;
}

/**
 * Adds the registration's writes to the event's batch. Ids are assigned inside the batch (a new
 * member's id via last_insert_rowid(), a new MCN's via its name key), so registrations committed
 * together (group commit) cannot collide.
 */
export async function registerMember(ctx: HandlerContext, input: RegData): Promise<RegisteredMember> {
  const data = CompleteSchema.parse(input);
  const { db } = ctx.deps;
  const now = ctx.now;
  // An official from OFFICIALS already has a row: register it and keep the role.
  const existing = ctx.member && !ctx.member.registeredAt ? ctx.member : null;
  const role = existing?.role ?? data.role;

  let mcn: RegisteredMember['mcn'] = null;
  let mcnId: number | SQL | null = null;
  let newMcnKey: string | null = null;
  let claimed: { id: number; name: string; code: string } | null = null;
  if (role !== 'official' && data.mcn) {
    const row = 'id' in data.mcn ? await findMcnById(db, data.mcn.id) : await findMcnByKey(db, mcnNameKey(data.mcn.newName));
    if (row) {
      // Also when someone created the lead's MCN since the answer: the lead claims it.
      mcn = { name: row.name, code: row.code, created: false };
      mcnId = row.id;
      claimed = row;
    } else if ('newName' in data.mcn) {
      newMcnKey = mcnNameKey(data.mcn.newName);
      const code = pickMcnCode(newMcnKey, await mcnCodesLike(db, mcnCodeBase(newMcnKey)));
      mcn = { name: data.mcn.newName, code, created: true };
      mcnId = mcnIdByKey(newMcnKey);
      ctx.write(insertMcnQuery(db, { name: mcn.name, nameKey: newMcnKey, code }, now));
    }
  }

  const registration = {
    fullName: data.name.normalize('NFC'),
    phone: data.phone,
    mcnId,
    channelLinks: data.links ?? [],
    lang: ctx.lang,
    consentAt: new Date(data.consentAt),
    consentVersion: CONSENT_VERSION,
  };
  // A lead of an MCN that has a lead already waits for approval; decided in SQL inside the batch.
  const isLead = role === 'mcn_lead' && mcnId != null;
  const pendingLead = isLead && claimed != null && (await mcnHasApprovedLead(db, claimed.id));
  if (existing) {
    ctx.write(completeRegistrationQuery(db, existing.id, registration, now));
    if (ctx.identity.memberId !== existing.id) ctx.write(attachIdentityQuery(db, ctx.identity.id, existing.id));
  } else {
    ctx.write(insertMemberQuery(db, { ...registration, role, mcnLeadStatus: isLead ? leadStatusForMcn(mcnId!) : null }, now));
    // Must follow the insert directly: last_insert_rowid() is the new member's id.
    ctx.write(attachIdentityQuery(db, ctx.identity.id, lastInsertedMemberId));
  }
  const memberId = memberIdOfIdentity(ctx.identity.id);
  if (newMcnKey) ctx.write(setMcnCreatorQuery(db, newMcnKey, memberId));

  ctx.write(
    auditQuery(db, {
      actorMemberId: memberId,
      action: 'member_registered',
      targetMemberId: memberId,
      detail: { role, platform: ctx.msg.platform, newMcn: Boolean(newMcnKey), pendingLead, consentVersion: CONSENT_VERSION },
      at: now,
    }),
  );
  if (newMcnKey) {
    ctx.write(
      auditQuery(db, { actorMemberId: memberId, action: 'mcn_created', targetMemberId: memberId, detail: { code: mcn?.code ?? null }, at: now }),
    );
  }
  if (pendingLead && claimed) {
    for (const w of await pendingLeadNoticeWrites(db, { memberId, name: registration.fullName, mcn: claimed, eventKey: ctx.msg.eventKey, now })) {
      ctx.write(w);
    }
  }
  ctx.endConversation();
  return { memberId: existing?.id ?? null, role, mcn, pendingLead };
}
