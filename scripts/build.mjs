// npm run build: the production bundle in dist/node/ (plain JavaScript, so the server never
// compiles TypeScript at run time). esbuild bundles our code; packages in node_modules stay
// external (libsql is native). Next to the bundle: the migrations folder the server applies at
// start and the backup worker (db/backup-worker.mjs), both found through import.meta.url (so no
// code splitting: each entry is one file directly in dist/node).
// Entries: server.js (npm start, the Dockerfile, the systemd unit) and the operator scripts.
/* global URL, console */
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/node`;
const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    server: 'src/entry/node.ts',
    migrate: 'scripts/migrate.ts',
    'db-backup': 'scripts/db-backup.ts',
    'db-restore': 'scripts/db-restore.ts',
    officials: 'scripts/officials.ts',
    'zalo-token': 'scripts/zalo-token.ts',
    'telegram-webhook': 'scripts/set-telegram-webhook.ts',
  },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(`${root}db/migrations`, `${out}/migrations`, { recursive: true });
cpSync(`${root}db/backup-worker.mjs`, `${out}/backup-worker.mjs`);
console.log(`Built dist/node in ${Date.now() - started} ms.`);
