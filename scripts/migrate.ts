// npm run db:migrate: applies the committed migrations to DATABASE_URL (file:, libsql://, http(s)://).
// Errors an operator can cause (unreachable, locked or unreadable database, wrong token) are one
// line that says what to do (src/config/operator-errors.ts), never a stack trace or SQL.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EnvError, parseEnv } from '../src/config/env';
import { operatorMessage, redactUrl } from '../src/config/operator-errors';
import { createDb } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';

let databaseUrl: string | undefined;
try {
  const env = parseEnv(process.env);
  databaseUrl = env.DATABASE_URL;
  if (env.DATABASE_URL.startsWith('file:')) mkdirSync(dirname(env.DATABASE_URL.slice(5).split('?')[0]!), { recursive: true });
  const handle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateFromFolder(handle.db);
  handle.close();
  console.log(`Migrations applied to ${redactUrl(env.DATABASE_URL)}.`);
} catch (err) {
  console.error(err instanceof EnvError ? err.message : `Migration failed: ${operatorMessage(err, { databaseUrl })}`);
  process.exit(1);
}
