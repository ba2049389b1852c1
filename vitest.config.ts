import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that start child processes or a browser go first: they are the longest, and most of their
 * time is waiting, so the other worker runs the short files meanwhile instead of the run ending on
 * one long file. vitest orders by the durations it remembers, which a fresh clone (CI) does not
 * have: there it would order by file size, and these files are not the biggest.
 */
class WaitingFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = (f: TestSpecification) => /support\/(spawn|browser)'|node:child_process'/.test(readFileSync(f.moduleId, 'utf8'));
    return [...sorted.filter(waits), ...sorted.filter((f) => !waits(f))];
  }
}

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two processes on two cores (vitest's default is one fewer than the cores: one process here,
    // and much of a test is waiting on a child process, a browser or a socket, not on the CPU).
    maxWorkers: 2,
    // A file reuses its process's loaded modules instead of importing the app again (about 1 s of
    // CPU per file). Tests share no module state: each builds its own app, database and fakes.
    isolate: false,
    sequence: { sequencer: WaitingFilesFirst },
    // Migrates one template database for the run; each test copies it (test/support/temp-db.ts).
    globalSetup: ['test/support/template-db-setup.ts'],
  },
});
