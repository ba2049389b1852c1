// npm run db:backup [dir]: a consistent snapshot of the embedded database while the server runs
// (VACUUM INTO), into dir (default BACKUP_DIR, else ./backups), checked before it gets its name.
import { EnvError, parseEnv } from '../src/config/env';
import { operatorMessage } from '../src/config/operator-errors';
import { backupDatabase } from '../db/backup';

let databaseUrl: string | undefined;
try {
  const env = parseEnv(process.env);
  databaseUrl = env.DATABASE_URL;
  const dir = process.argv[2] ?? env.BACKUP_DIR ?? './backups';
  const res = await backupDatabase({ databaseUrl: env.DATABASE_URL, dir, now: new Date() });
  console.log(
    `Backup written: ${res.file} (${(res.bytes / 1048576).toFixed(1)} MiB, ${res.check.members} members, ${res.check.queued} messages waiting, ${res.ms} ms).`,
  );
} catch (err) {
  console.error(err instanceof EnvError ? err.message : `db:backup: ${operatorMessage(err, { databaseUrl })}`);
  process.exit(1);
}
