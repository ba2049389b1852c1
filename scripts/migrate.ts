// npm run db:migrate: applies the committed migrations to DATABASE_URL (file:, libsql://, http(s)://).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EnvError, parseEnv } from '../src/config/env';
import { createDb } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';

try {
  const env = parseEnv(process.env);
  if (env.DATABASE_URL.startsWith('file:')) mkdirSync(dirname(env.DATABASE_URL.slice(5).split('?')[0]!), { recursive: true });
  const handle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateFromFolder(handle.db);
  handle.close();
  console.log(`Migrations applied to ${env.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@').split('?')[0]}.`);
} catch (err) {
  console.error(err instanceof EnvError ? err.message : `Migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
