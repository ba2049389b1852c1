// Applies the bundled migrations (db/migrations-bundle.ts) on any runtime, Workers included. It
// repeats drizzle-orm's libSQL migrator: same `__drizzle_migrations` table, same hashes and
// created_at values, same "apply what is newer than the last created_at" rule, and the same
// single atomic `client.migrate()` batch (foreign keys off while it runs). So `npm run
// db:migrate`, `drizzle-kit migrate` and this can take turns on one database.
import type { Client } from '@libsql/client';
import { bundledMigrations, type BundledMigration } from './migrations-bundle';

const TABLE = '"__drizzle_migrations"';

export interface MigrateResult {
  /** Tags applied by this call, oldest first. */
  applied: string[];
}

async function lastCreatedAt(client: Client): Promise<number | undefined> {
  // Byte for byte drizzle's statement, so sqlite_master reads the same whichever migrator ran first.
  await client.execute(`CREATE TABLE IF NOT EXISTS ${TABLE} (\n\t\t\tid SERIAL PRIMARY KEY,\n\t\t\thash text NOT NULL,\n\t\t\tcreated_at numeric\n\t\t)`);
  const rs = await client.execute(`SELECT id, hash, created_at FROM ${TABLE} ORDER BY created_at DESC LIMIT 1`);
  const row = rs.rows[0];
  return row ? Number(row.created_at) : undefined;
}

function pendingOf(list: BundledMigration[], last: number | undefined): BundledMigration[] {
  return list.filter((m) => last === undefined || last < m.when);
}

/**
 * Brings the database up to date. Safe to call from several isolates at once: the batch is atomic,
 * so a loser of the race fails whole; it then re-reads and returns if the winner did the work.
 */
export async function migrateBundled(client: Client, list: BundledMigration[] = bundledMigrations): Promise<MigrateResult> {
  const pending = pendingOf(list, await lastCreatedAt(client));
  if (pending.length === 0) return { applied: [] };
  const stmts = pending.flatMap((m) => [
    ...m.statements.map((sql) => ({ sql, args: [] })),
    { sql: `INSERT INTO ${TABLE} ("hash", "created_at") VALUES(?, ?)`, args: [m.hash, m.when] },
  ]);
  try {
    await client.migrate(stmts);
  } catch (err) {
    if (pendingOf(list, await lastCreatedAt(client)).length === 0) return { applied: [] };
    throw err;
  }
  return { applied: pending.map((m) => m.tag) };
}
