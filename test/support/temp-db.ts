// A fresh, migrated libSQL file per test: a copy of the template that vitest's global setup
// migrated once for the run (test/support/template-db-setup.ts): a file copy instead of ~25
// migrations, 7 ms instead of ~40 ms. The copy is byte for byte what migrating gives.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '../../db/client';
import { inject } from 'vitest';

export interface TempDb extends DbHandle {
  url: string;
  dir: string;
  /** Close and delete the files. */
  destroy(): void;
}

export async function createTempDb(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'loa-test-'));
  const path = join(dir, 'loa.db');
  const url = `file:${path}`;
  copyFileSync(inject('templateDb'), path);
  const handle = await createDb({ url });
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
