// Members, MCNs and their identities: reads for the member features, and the write statements
// they add to an event's batch (registration, role grants, linking, stop/resume, deletion).
import { and, asc, eq, inArray, isNotNull, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';
import { auditLog, chatIdentities, consoleLoginTokens, consoleSessions, conversations, inboundEvents, linkCodes, mcns, members, outbox } from '../schema';
import type { Lang, Platform, Role } from '../../src/core/types';
import type { MemberRow } from './identities';
import { deleteQuestionsQueries } from './questions';

export type McnRow = typeof mcns.$inferSelect;
export type LinkCodeRow = typeof linkCodes.$inferSelect;

// ---- MCNs ---------------------------------------------------------------------------------

export async function listMcns(db: Db): Promise<Pick<McnRow, 'id' | 'name' | 'nameKey' | 'code'>[]> {
  return db.select({ id: mcns.id, name: mcns.name, nameKey: mcns.nameKey, code: mcns.code }).from(mcns).orderBy(asc(mcns.name));
}

export async function findMcnById(db: Db, id: number): Promise<McnRow | undefined> {
  return db.query.mcns.findFirst({ where: eq(mcns.id, id) });
}

/** An MCN by its name key (the folded name, see mcnNameKey). */
export async function findMcnByKey(db: Db, nameKey: string): Promise<McnRow | undefined> {
  return db.query.mcns.findFirst({ where: eq(mcns.nameKey, nameKey) });
}

/** An MCN by its short code (case-insensitive). */
export async function findMcnByCode(db: Db, code: string): Promise<McnRow | undefined> {
  return db.query.mcns.findFirst({ where: eq(sql`upper(${mcns.code})`, code.toUpperCase()) });
}

/** Codes already taken that start like `base` (to pick a free one). */
export async function mcnCodesLike(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.select({ code: mcns.code }).from(mcns).where(like(mcns.code, `${base}%`));
  return new Set(rows.map((r) => r.code.toUpperCase()));
}

export interface McnCreator {
  memberId: number;
  fullName: string | null;
  status: MemberRow['status'];
  registeredAt: Date | null;
}

/** The registered creators of an MCN (deleted members left out), oldest registration first. */
export async function listMcnCreators(db: Db, mcnId: number): Promise<McnCreator[]> {
  return db
    .select({ memberId: members.id, fullName: members.fullName, status: members.status, registeredAt: members.registeredAt })
    .from(members)
    .where(and(eq(members.mcnId, mcnId), eq(members.role, 'creator'), ne(members.status, 'deleted'), isNotNull(members.registeredAt)))
    .orderBy(asc(members.registeredAt), asc(members.id));
}

// ---- members ------------------------------------------------------------------------------

export async function findMemberById(db: Db, id: number): Promise<MemberRow | undefined> {
  return db.query.members.findFirst({ where: eq(members.id, id) });
}

/** A registered, not deleted member by phone (+84…). */
export async function findMemberByPhone(db: Db, phone: string): Promise<MemberRow | undefined> {
  return db.query.members.findFirst({ where: and(eq(members.phone, phone), ne(members.status, 'deleted')) });
}

/** `mcnId` may be a subquery (a new MCN's id is only known inside the batch). */
export type Registration = Omit<RegistrationValues, 'mcnId'> & { mcnId: number | null | SQL; mcnLeadStatus?: SQL | 'pending' | 'approved' | null };
interface RegistrationValues {
  fullName: string;
  phone: string | null;
  role: Role;
  mcnId: number | null;
  channelLinks: string[];
  lang: Lang;
  consentAt: Date;
  consentVersion: string;
}

/** A new member; its id is read inside the same batch with `lastInsertedMemberId`. */
export function insertMemberQuery(db: Db, r: Registration, now: Date) {
  return db.insert(members).values({ ...r, status: 'active', registeredAt: now, createdAt: now, updatedAt: now });
}

/** The id of the member inserted by the statement just before (same connection, same batch). */
export const lastInsertedMemberId = sql<number>`last_insert_rowid()`;

/** Registers an existing row (an official from configuration): the role stays as it is. */
export function completeRegistrationQuery(db: Db, id: number, r: Omit<Registration, 'role'>, now: Date) {
  return db
    .update(members)
    .set({ ...r, status: 'active', registeredAt: now, updatedAt: now })
    .where(eq(members.id, id));
}

/** A new MCN; a concurrent creation of the same name wins and this lead claims it (DO NOTHING). */
export function insertMcnQuery(db: Db, m: { name: string; nameKey: string; code: string }, now: Date) {
  return db.insert(mcns).values({ ...m, createdAt: now }).onConflictDoNothing({ target: mcns.nameKey });
}

/** The id of an MCN by name key, as a subquery usable inside the batch that creates it. */
export const mcnIdByKey = (nameKey: string) => sql<number>`(SELECT ${mcns.id} FROM ${mcns} WHERE ${mcns.nameKey} = ${nameKey})`;

/** The member behind an identity, as a subquery (after `attachIdentityQuery` in the same batch). */
export const memberIdOfIdentity = (identityId: number) =>
  sql<number>`(SELECT ${chatIdentities.memberId} FROM ${chatIdentities} WHERE ${chatIdentities.id} = ${identityId})`;

/** Records the creator of an MCN created in this batch. */
export function setMcnCreatorQuery(db: Db, nameKey: string, memberId: number | SQL) {
  return db
    .update(mcns)
    .set({ createdByMemberId: memberId })
    .where(and(eq(mcns.nameKey, nameKey), isNull(mcns.createdByMemberId)));
}

export function attachIdentityQuery(db: Db, identityId: number, memberId: number | SQL) {
  return db.update(chatIdentities).set({ memberId }).where(eq(chatIdentities.id, identityId));
}

/** A grant by an official: an MCN lead made so is approved at once. */
export function setMemberRoleQuery(db: Db, memberId: number, role: Role, mcnId: number | null, now: Date) {
  return db
    .update(members)
    .set({ role, mcnId, mcnLeadStatus: role === 'mcn_lead' ? 'approved' : null, updatedAt: now })
    .where(eq(members.id, memberId));
}

/** An unregistered row whose only identity joined another member: retired as an empty marker. */
export function retireEmptyMemberQuery(db: Db, memberId: number, now: Date) {
  return db
    .update(members)
    .set({ status: 'deleted', deletedAt: now, updatedAt: now })
    .where(and(eq(members.id, memberId), isNull(members.registeredAt)));
}

export function setMemberStatusQuery(db: Db, memberId: number, status: 'active' | 'stopped', now: Date) {
  return db.update(members).set({ status, updatedAt: now }).where(and(eq(members.id, memberId), ne(members.status, 'deleted')));
}

export function setMemberLangQuery(db: Db, memberId: number, lang: Lang, now: Date) {
  return db.update(members).set({ lang, updatedAt: now }).where(eq(members.id, memberId));
}

export function setUnfollowedQuery(db: Db, identityId: number, at: Date | null) {
  return db.update(chatIdentities).set({ unfollowedAt: at }).where(eq(chatIdentities.id, identityId));
}

export function auditQuery(
  db: Db,
  row: { actorMemberId: number | null | SQL; action: string; targetMemberId: number | null | SQL; detail?: Record<string, unknown>; at: Date },
) {
  return db.insert(auditLog).values({ ...row, detail: row.detail ?? null });
}

// ---- linking ------------------------------------------------------------------------------

export async function findLinkCodeByHash(db: Db, codeHash: string): Promise<LinkCodeRow | undefined> {
  return db.query.linkCodes.findFirst({ where: eq(linkCodes.codeHash, codeHash), orderBy: (t, { desc }) => [desc(t.id)] });
}

/** Whether an unused, unexpired code with this hash exists (to avoid handing out a live duplicate). */
export async function liveLinkCodeExists(db: Db, codeHash: string, now: Date): Promise<boolean> {
  const row = await db.query.linkCodes.findFirst({
    where: and(eq(linkCodes.codeHash, codeHash), isNull(linkCodes.usedAt), sql`${linkCodes.expiresAt} > ${now.getTime()}`),
  });
  return Boolean(row);
}

/** A member has one live code at a time: a new /lienket replaces the old ones. */
export function replaceLinkCodeQueries(db: Db, memberId: number, codeHash: string, now: Date, expiresAt: Date) {
  return [
    db.delete(linkCodes).where(and(eq(linkCodes.memberId, memberId), isNull(linkCodes.usedAt))),
    db.insert(linkCodes).values({ memberId, codeHash, expiresAt, createdAt: now }),
  ] as const;
}

/**
 * Joins the identity to the code's member only while the code is still unused and valid, then
 * spends the code: two identities racing with one code cannot both join.
 */
export function useLinkCodeQueries(db: Db, code: LinkCodeRow, identityId: number, now: Date) {
  const live = sql`EXISTS (SELECT 1 FROM ${linkCodes} WHERE ${linkCodes.id} = ${code.id} AND ${linkCodes.usedAt} IS NULL AND ${linkCodes.expiresAt} > ${now.getTime()})`;
  return [
    db
      .update(chatIdentities)
      .set({ memberId: code.memberId, linkFailCount: 0, linkFailSince: null, linkLockedUntil: null })
      .where(and(eq(chatIdentities.id, identityId), live)),
    db
      .update(linkCodes)
      .set({ usedAt: now, usedByIdentityId: identityId })
      .where(and(eq(linkCodes.id, code.id), isNull(linkCodes.usedAt))),
  ] as const;
}

export function recordLinkFailureQuery(db: Db, identityId: number, state: { count: number; since: Date; lockedUntil: Date | null }) {
  return db
    .update(chatIdentities)
    .set({ linkFailCount: state.count, linkFailSince: state.since, linkLockedUntil: state.lockedUntil })
    .where(eq(chatIdentities.id, identityId));
}

/**
 * A registration ended without being saved (/thoat, expiry, a command): the replies still queued
 * to the person (the summary repeats name and phone) are not sent and keep no text. Delivered
 * rows keep none already (texts are cleared at their final state, recordOutcomes).
 */
export function forgetDeliveredRepliesQuery(db: Db, identityId: number) {
  return db
    .update(outbox)
    .set({ status: 'skipped', lastError: 'registration_dropped', message: null, leaseUntil: null, leaseOwner: null })
    .where(and(eq(outbox.identityId, identityId), eq(outbox.ref, 'reply'), eq(outbox.status, 'queued')));
}

// ---- deletion -----------------------------------------------------------------------------

export const MEMBER_DELETED = 'member_deleted';

/** A value's form inside stored JSON text (a message's `lines`, a CSV in a document). */
const inJson = (v: string) => JSON.stringify(v).slice(1, -1);

/**
 * Everything /xoa (or Zalo user_withdraw) writes, in one batch: the member row becomes an anonymous
 * marker (reported posts keep pointing at it), identities, codes and conversations go, their
 * inbound events keep only their dedupe key, their outbox rows keep no text and no chat id
 * (queued ones are skipped), and messages still queued to OTHER people (a lead's /thongke, an
 * official's /xuat) have the person's name and phone replaced by `redactedAs`. Delivered messages
 * hold no text already (cleared at their final state), so nothing else can name them.
 */
export function deleteMemberDataQueries(
  db: Db,
  input: {
    memberId: number | null;
    identities: { id: number; platform: Platform; externalId: string }[];
    /** The person's name, phone... as they may appear in queued texts to others. */
    redact?: string[];
    redactedAs?: string;
    now: Date;
  },
) {
  const { memberId, now } = input;
  const ids = input.identities.map((i) => i.id);
  const idsOrNone = ids.length ? ids : [-1];
  // Every outbox row for a member also names the identity it goes to, and identities never move
  // from one member to another, so their identities find all their rows (outbox_identity_ref_idx).
  const theirRows = inArray(outbox.identityId, idsOrNone);
  const theirEvents = or(
    ...input.identities.map((i) => and(eq(inboundEvents.platform, i.platform), eq(inboundEvents.externalUserId, i.externalId))),
    sql`0`,
  );
  const qs: BatchItem<'sqlite'>[] = [
    db
      .update(outbox)
      .set({ status: 'skipped', lastError: MEMBER_DELETED, message: null, bodyId: null, leaseUntil: null, leaseOwner: null, chatId: '' })
      .where(and(theirRows, eq(outbox.status, 'queued'))),
    db.update(outbox).set({ message: null, bodyId: null, chatId: '' }).where(and(theirRows, ne(outbox.status, 'queued'))),
    db
      .update(inboundEvents)
      .set({ payload: null, status: 'dead', lastError: MEMBER_DELETED, externalUserId: '' })
      // Every status but done, spelled out so that the status index finds them (done is most rows).
      .where(and(theirEvents, inArray(inboundEvents.status, ['received', 'failed', 'dead']))),
    // Handled events stay for their dedupe key (a redelivery must still be recognised), not their sender.
    db.update(inboundEvents).set({ externalUserId: '' }).where(and(theirEvents, eq(inboundEvents.status, 'done'))),
    db.delete(conversations).where(inArray(conversations.identityId, idsOrNone)),
    // Their questions and the answers to them (SPEC §8), found through the asker's identities.
    ...deleteQuestionsQueries(db, ids),
    db.delete(chatIdentities).where(inArray(chatIdentities.id, idsOrNone)),
  ];
  const placeholder = JSON.stringify(input.redactedAs ?? '').slice(1, -1);
  for (const value of new Set((input.redact ?? []).filter((v) => v.trim().length >= 3))) {
    const needle = inJson(value);
    // Queued and in-flight rows only: through the claim index (platform, status), never a scan.
    qs.push(
      db.run(sql`
        UPDATE outbox SET message = replace(message, ${needle}, ${placeholder})
        WHERE platform IN ('telegram', 'zalo') AND status IN ('queued', 'sending') AND message IS NOT NULL AND instr(message, ${needle}) > 0`),
      db.run(sql`UPDATE outbox_bodies SET message = replace(message, ${needle}, ${placeholder}) WHERE instr(message, ${needle}) > 0`),
    );
  }
  if (memberId != null) {
    qs.push(
      db.delete(linkCodes).where(eq(linkCodes.memberId, memberId)),
      // Console sign-in links and sessions end with the person (SPEC §7).
      db.delete(consoleLoginTokens).where(eq(consoleLoginTokens.memberId, memberId)),
      db.delete(consoleSessions).where(eq(consoleSessions.memberId, memberId)),
      db
        .update(members)
        .set({
          fullName: null,
          phone: null,
          channelLinks: null,
          consentAt: null,
          consentVersion: null,
          status: 'deleted',
          deletedAt: now,
          updatedAt: now,
        })
        .where(eq(members.id, memberId)),
    );
  }
  return qs;
}
