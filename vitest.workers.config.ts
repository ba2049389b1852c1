// The Worker's tests inside workerd (@cloudflare/vitest-pool-workers, `npm run test:worker`): the
// module wrangler deploys, against the Hrana shim and the platform fakes that
// test/worker/global-setup.ts starts in Node. The same chat scenarios run on Node in
// test/integration/worker-scenarios.test.ts. (Kept a separate config, not a vitest project: as a
// project next to a Node one, workerd 1.20260426 crashed with SIGSEGV before the first test.)
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { ADMIN_TOKEN, BOT_USERNAME, DB_AUTH_TOKEN, TG_SECRET, TG_TOKEN, ZALO_APP_ID, ZALO_OA_SECRET } from './test/worker/constants.js';

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // The Worker's configuration in the tests: every service is on 127.0.0.1.
        bindings: {
          DATABASE_URL: inject('databaseUrl'),
          DATABASE_AUTH_TOKEN: DB_AUTH_TOKEN,
          TELEGRAM_BOT_TOKEN: TG_TOKEN,
          TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
          TELEGRAM_BOT_USERNAME: BOT_USERNAME,
          TELEGRAM_API_ROOT: inject('telegramApiRoot'),
          ZALO_APP_ID,
          ZALO_APP_SECRET: inject('zaloAppSecret'),
          ZALO_OA_SECRET_KEY: ZALO_OA_SECRET,
          ZALO_REFRESH_TOKEN: inject('zaloRefreshToken'),
          ZALO_API_ROOT: inject('zaloUrl'),
          ZALO_OAUTH_ROOT: inject('zaloUrl'),
          ADMIN_TOKEN,
          TELEGRAM_RATE_PER_SEC: '1000',
          ZALO_RATE_PER_SEC: '1000',
          DIGEST_TIME: '00:00',
          LOG_LEVEL: 'warn',
          TEST_CONTROL_URL: inject('controlUrl'),
          TEST_EMPTY_DATABASE_URL: inject('emptyDatabaseUrl'),
        },
      },
    })),
  ],
  test: {
    include: ['test/worker/workerd/**/*.test.ts'],
    globalSetup: ['test/worker/global-setup.ts'],
    // One database and one pair of fakes for all files: run the files one after another, in one
    // workerd (isolate: false; with isolation each file started its own Miniflare: 6 s more).
    fileParallelism: false,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
