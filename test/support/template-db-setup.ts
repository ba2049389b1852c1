// vitest globalSetup: runs the migrations once per `vitest run` into a template file that
// test/support/temp-db.ts copies for each test, and deletes it when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the migrated template database (closed; its WAL checkpointed into it). */
    templateDb: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-template-'));
  const path = join(dir, 'loa.db');
  const handle = await createDb({ url: `file:${path}` });
  await migrateFromFolder(handle.db);
  await handle.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  handle.close();
  project.provide('templateDb', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
