// Test credentials shared by the Worker tests, their vitest config and the Node scenario runner.
// The same values as test/support/harness.ts.
export const TG_TOKEN = '123456789:TEST_token_for_the_fake_bot_api_000';
export const TG_SECRET = 'test-webhook-secret_42';
export const ZALO_APP_ID = '2718281828459045235';
export const ZALO_OA_SECRET = 'TEST-ONLY-oa-secret-key';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const BOT_USERNAME = 'LoaTestBot';
/** The Hrana shim of the workerd tests wants this bearer token (like Turso's). */
export const DB_AUTH_TOKEN = 'test-libsql-auth-token';

// What test/worker/global-setup.ts provides to the workerd config (vitest.workers.config.ts).
declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database (Hrana shim), with DB_AUTH_TOKEN. */
    databaseUrl: string;
    /** An empty database (no auth), for the bundled migrator. */
    emptyDatabaseUrl: string;
    telegramApiRoot: string;
    zaloUrl: string;
    zaloAppSecret: string;
    zaloRefreshToken: string;
    /** The control server for the fakes (routes in test/worker/global-setup.ts). */
    controlUrl: string;
  }
}
