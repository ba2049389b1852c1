// `npm run db:migrate` against a remote libSQL server (Turso speaks the same Hrana protocol over
// HTTP): here the test-only Hrana shim on 127.0.0.1, with an auth token, by http:// and libsql://.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledMigrations } from '../../db/migrations-bundle';
import { startHranaServer, type HranaServer } from '../support/hrana-server';

const TOKEN = 'remote-migrate-test-token';
let server: HranaServer;
beforeAll(async () => {
  server = await startHranaServer({ authToken: TOKEN });
});
afterAll(async () => {
  await server.close();
});

function dbMigrate(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/migrate.ts'],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const journal = () => server.db.prepare('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at').all() as { hash: string; created_at: number }[];

describe('npm run db:migrate on remote libSQL', () => {
  it('applies the migrations over http:// with DATABASE_AUTH_TOKEN, then again by libsql:// changes nothing', async () => {
    const first = await dbMigrate({ DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: TOKEN });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Migrations applied to ${server.url}`);
    expect(journal().map((r) => r.hash)).toEqual(bundledMigrations.map((m) => m.hash));
    expect(server.db.prepare("SELECT name FROM sqlite_master WHERE name = 'outbox'").all()).toHaveLength(1);

    // libsql:// is what Turso gives; ?tls=0 points it at plain HTTP on loopback.
    const again = await dbMigrate({ DATABASE_URL: `${server.url.replace('http://', 'libsql://')}?tls=0`, DATABASE_AUTH_TOKEN: TOKEN });
    expect(again.code).toBe(0);
    expect(journal()).toHaveLength(bundledMigrations.length);
  }, 60_000);

  it('fails with a message, not the token, when the token is wrong', async () => {
    const res = await dbMigrate({ DATABASE_URL: server.url, DATABASE_AUTH_TOKEN: 'wrong-secret-token-value' });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Migration failed');
    expect(res.stderr + res.stdout).not.toContain('wrong-secret-token-value');
  }, 60_000);
});
