// npm run zalo:token [-- --refresh]: shows when the stored Zalo access token expires, and with
// --refresh rotates the pair now (the new pair is stored before it is used). Never prints tokens.
import { EnvError, parseEnv, zaloEnabled } from '../src/config/env';
import { createDb } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';
import { createDbTokenStore } from '../db/queries/platform-tokens';
import { createZaloClient } from '../bots/zalo/client';
import { formatDateTime } from '../src/core/time';
import { createNodeTransport } from '../bots/http/node-transport';

try {
  const env = parseEnv(process.env);
  if (!zaloEnabled(env)) throw new Error('Zalo is not configured: set ZALO_APP_ID, ZALO_APP_SECRET and ZALO_OA_SECRET_KEY.');
  const handle = await createDb({ url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN });
  await migrateFromFolder(handle.db);
  const tokens = createDbTokenStore(handle.db);
  const show = async (label: string) => {
    const pair = await tokens.load();
    if (!pair) return console.log(`${label}: no token stored yet (ZALO_REFRESH_TOKEN is used on the first call).`);
    const left = Math.round((pair.expiresAt.getTime() - Date.now()) / 60_000);
    console.log(
      `${label}: access token expires ${formatDateTime(pair.expiresAt, env.TIMEZONE)} (${env.TIMEZONE}), ` +
        `${left >= 0 ? `in ${left} min` : `${-left} min ago`}; last rotated ${formatDateTime(pair.updatedAt, env.TIMEZONE)}.`,
    );
  };
  await show('Stored');
  if (process.argv.includes('--refresh')) {
    const client = createZaloClient({
      apiRoot: env.ZALO_API_ROOT,
      oauthRoot: env.ZALO_OAUTH_ROOT,
      appId: env.ZALO_APP_ID!,
      http: createNodeTransport(),
      appSecret: env.ZALO_APP_SECRET!,
      tokens,
      initialRefreshToken: env.ZALO_REFRESH_TOKEN,
    });
    await client.forceRefresh();
    await show('Refreshed');
  }
  handle.close();
} catch (err) {
  console.error(err instanceof EnvError ? err.message : `zalo-token: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
