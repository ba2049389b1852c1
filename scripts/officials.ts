// npm run officials -- list | add <member number|phone> | remove <member number|phone> | setup-code
// Manages officials from the server's shell (SPEC §9). Every change is written to the audit log.
import { and, asc, eq, ne } from 'drizzle-orm';
import { EnvError, parseEnv } from '../src/config/env';
import { createDb } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';
import { auditLog, chatIdentities, members } from '../db/schema';
import { findMemberById, findMemberByPhone } from '../db/queries/members';
import { parsePhone } from '../src/core/features/members/answers';
import { issueSetupCode, officialCount } from '../src/core/use-cases/setup-code';
import { formatDateTime } from '../src/core/time';
import { operatorMessage } from '../src/config/operator-errors';

const USAGE = 'Usage: npm run officials -- list | add <member number or phone> | remove <member number or phone> | setup-code';

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, target] = argv;
  if (!command || !['list', 'add', 'remove', 'setup-code'].includes(command)) throw new UsageError(USAGE);
  if ((command === 'add' || command === 'remove') && !target) throw new UsageError(USAGE);
  const env = parseEnv(process.env);
  const handle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  try {
    const { db } = handle;
    await migrateFromFolder(db);
    const now = new Date();
    if (command === 'list') {
      const rows = await db.query.members.findMany({
        where: and(eq(members.role, 'official'), ne(members.status, 'deleted')),
        orderBy: [asc(members.id)],
      });
      if (!rows.length) {
        console.log('No officials yet. Print a setup code with: npm run officials -- setup-code');
        return;
      }
      for (const m of rows) {
        const ids = await db.query.chatIdentities.findMany({ where: eq(chatIdentities.memberId, m.id) });
        const where = ids.map((i) => `${i.platform}:${i.externalId}`).join(', ') || 'no chat identity';
        console.log(`#${m.id}\t${m.fullName ?? '(not registered)'}\t${where}`);
      }
      return;
    }
    if (command === 'setup-code') {
      const n = await officialCount(db);
      if (n > 0) {
        throw new UsageError(`Loa already has ${n} official(s): an official grants the role with /capquyen, or run: npm run officials -- add <member number or phone>`);
      }
      const { code, expiresAt } = await issueSetupCode(db, now);
      console.log(`Setup code: ${code} (single use, valid until ${formatDateTime(expiresAt, env.TIMEZONE)} ${env.TIMEZONE}). Send "/quantri ${code}" to the bot in a private chat.`);
      return;
    }
    const member = await findTarget(db, target!);
    if (!member || member.status === 'deleted') throw new UsageError(`No member ${target}: use the member number shown in the console or a registered phone number.`);
    if (command === 'add') {
      if (member.role === 'official') return console.log(`Member #${member.id} is already an official.`);
      await db.batch([
        db.update(members).set({ role: 'official', mcnLeadStatus: null, updatedAt: now }).where(eq(members.id, member.id)),
        db.insert(auditLog).values({ action: 'official_added_by_operator', targetMemberId: member.id, detail: { previousRole: member.role }, at: now }),
      ]);
      console.log(`Member #${member.id} is now an official.`);
      return;
    }
    if (member.role !== 'official') return console.log(`Member #${member.id} is not an official.`);
    await db.batch([
      db.update(members).set({ role: 'creator', mcnLeadStatus: null, updatedAt: now }).where(eq(members.id, member.id)),
      db.insert(auditLog).values({ action: 'official_removed_by_operator', targetMemberId: member.id, detail: { newRole: 'creator' }, at: now }),
    ]);
    console.log(`Member #${member.id} is no longer an official (now a creator).`);
  } finally {
    handle.close();
  }
}

async function findTarget(db: Awaited<ReturnType<typeof createDb>>['db'], target: string) {
  const t = target.trim().replace(/^#/, '');
  if (/^\d{1,9}$/.test(t)) return findMemberById(db, Number(t));
  const phone = parsePhone(t);
  return phone.ok ? findMemberByPhone(db, phone.value) : undefined;
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError || err instanceof EnvError) console.error(err.message);
  else console.error(`officials: ${operatorMessage(err)}`);
  process.exit(1);
});
