// A fresh, migrated libSQL file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '../../db/client';
import { migrateFromFolder } from '../../db/migrate-from-folder';

export interface TempDb extends DbHandle {
  url: string;
  dir: string;
  /** Close and delete the files. */
  destroy(): void;
}

export async function createTempDb(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-test-'));
  const url = `file:${join(dir, 'loa.db')}`;
  const handle = await createDb({ url });
  await migrateFromFolder(handle.db);
  return {
    ...handle,
    url,
    dir,
    destroy() {
      try {
        handle.close();
      } catch {
        /* already closed */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
