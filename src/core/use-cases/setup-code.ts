// The first official (SPEC §9): while no official exists, a one-time setup code (valid 24 h) is
// printed at start or by `npm run officials -- setup-code`; `/quantri <code>` in a private chat
// makes the sender an official. Only a SHA-256 of the code is stored. The claim is one batch of
// conditional statements, so of two people sending the same code only the first becomes an
// official, and none does once an official exists.
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog, chatIdentities, members, setupCodes } from '../../../db/schema';
import type { HandlerContext } from '../commands/handler-context';

export const SETUP_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Upper case, without spaces or dashes: `k7qf 3m9p` and `K7QF-3M9P` are the same code. */
export const normaliseSetupCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
export async function setupCodeHash(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`loa-setup:${normaliseSetupCode(code)}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function officialCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(members)
    .where(and(eq(members.role, 'official'), ne(members.status, 'deleted')));
  return Number(row?.n ?? 0);
}

/** A new code (`XXXX-XXXX`); earlier unused codes stop working. */
export async function issueSetupCode(db: Db, now: Date): Promise<{ code: string; expiresAt: Date }> {
  // 32 letters and digits: a byte modulo 32 is uniform.
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const raw = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
  const expiresAt = new Date(now.getTime() + SETUP_CODE_TTL_MS);
  await db.batch([
    db.update(setupCodes).set({ expiresAt: now }).where(and(isNull(setupCodes.usedAt), gt(setupCodes.expiresAt, now))),
    db.insert(setupCodes).values({ codeHash: await setupCodeHash(code), expiresAt, createdAt: now }),
  ]);
  return { code, expiresAt };
}

/** At start: a code when no official exists (to print once), otherwise nothing. */
export async function setupCodeIfNoOfficial(db: Db, now: Date): Promise<{ code: string; expiresAt: Date } | null> {
  if ((await officialCount(db)) > 0) return null;
  return issueSetupCode(db, now);
}

/** `/quantri <code>` (`/claim`). */
export async function claimFirstOfficial(ctx: HandlerContext, args: string): Promise<void> {
  const { db } = ctx.deps;
  const code = normaliseSetupCode(args);
  if (!code) return ctx.reply(ctx.t.setupUsage());
  if (ctx.role === 'official' || (await officialCount(db)) > 0) return ctx.reply(ctx.t.setupHasOfficial());
  const row = await db.query.setupCodes.findFirst({
    where: and(eq(setupCodes.codeHash, await setupCodeHash(code)), isNull(setupCodes.usedAt), gt(setupCodes.expiresAt, ctx.now)),
  });
  if (!row) {
    ctx.deps.log.warn('setup code refused', { platform: ctx.msg.platform });
    return ctx.reply(ctx.t.setupRefused());
  }
  const identityId = ctx.identity.id;
  const nowMs = ctx.now.getTime();
  // 1. Take the code, only if still free, unexpired and no official exists (checked in the write).
  ctx.write(
    db
      .update(setupCodes)
      .set({ usedAt: ctx.now, usedByIdentityId: identityId })
      .where(
        and(
          eq(setupCodes.id, row.id),
          isNull(setupCodes.usedAt),
          gt(setupCodes.expiresAt, ctx.now),
          sql`NOT EXISTS (SELECT 1 FROM ${members} WHERE ${members.role} = 'official' AND ${members.status} <> 'deleted')`,
        ),
      ),
  );
  const tookIt = sql`EXISTS (SELECT 1 FROM ${setupCodes} WHERE ${setupCodes.id} = ${row.id} AND ${setupCodes.usedByIdentityId} = ${identityId})`;
  const member = ctx.member && ctx.member.status !== 'deleted' ? ctx.member : null;
  if (member) {
    ctx.write(db.update(members).set({ role: 'official', mcnLeadStatus: null, updatedAt: ctx.now }).where(and(eq(members.id, member.id), tookIt)));
  } else {
    // 2. A person who never registered gets a member row, like an official from OFFICIALS.
    ctx.write(
      db.run(
        sql`INSERT INTO ${members} (role, lang, status, created_at, updated_at) SELECT 'official', ${ctx.lang}, 'active', ${nowMs}, ${nowMs} WHERE ${tookIt}`,
      ),
    );
    ctx.write(
      db
        .update(chatIdentities)
        .set({ memberId: sql`last_insert_rowid()` })
        .where(and(eq(chatIdentities.id, identityId), tookIt)),
    );
  }
  ctx.write(
    db.run(
      sql`INSERT INTO ${auditLog} (actor_member_id, action, target_member_id, detail, created_at)
          SELECT (SELECT ${chatIdentities.memberId} FROM ${chatIdentities} WHERE ${chatIdentities.id} = ${identityId}), 'first_official_claimed',
                 (SELECT ${chatIdentities.memberId} FROM ${chatIdentities} WHERE ${chatIdentities.id} = ${identityId}),
                 ${JSON.stringify({ platform: ctx.msg.platform, setupCodeId: row.id })}, ${nowMs}
          WHERE ${tookIt}`,
    ),
  );
  ctx.deps.log.info('first official claimed with a setup code', { platform: ctx.msg.platform });
  ctx.reply(ctx.t.setupDone());
}
