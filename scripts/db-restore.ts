// npm run db:restore <file> [--force]: with the server stopped, checks a snapshot (integrity, a Loa
// database, not from a newer Loa) and puts it in place of DATABASE_URL's file. The database that
// was there is kept as <file>.before-restore-<time>. Migrations run at the next start.
import { EnvError, parseEnv } from '../src/config/env';
import { operatorMessage } from '../src/config/operator-errors';
import { restoreDatabase } from '../db/backup';

let databaseUrl: string | undefined;
try {
  const env = parseEnv(process.env);
  databaseUrl = env.DATABASE_URL;
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('db:restore: give the backup file: npm run db:restore -- <file> (the server must be stopped).');
    process.exit(1);
  }
  const res = restoreDatabase({ file, databaseUrl: env.DATABASE_URL, now: new Date(), force: args.includes('--force') });
  console.log(
    `Restored ${file} into ${res.target} (${res.check.members} members, ${res.check.queued} messages waiting).` +
      (res.previous ? ` The database that was there is kept as ${res.previous}.` : '') +
      ' Start the server (npm start) to use it.',
  );
} catch (err) {
  console.error(err instanceof EnvError ? err.message : `db:restore: ${operatorMessage(err, { databaseUrl })}`);
  process.exit(1);
}
