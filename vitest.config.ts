import { defineConfig } from 'vitest/config';

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
  },
});
