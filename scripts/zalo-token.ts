// npm run zalo:token [-- --refresh]: shows when the stored Zalo access token expires, and with
// --refresh rotates the pair now (the new pair is stored before it is used). Never prints tokens.
import { EnvError, parseEnv, zaloEnabled } from '../src/config/env';
import { createDb } from '../db/client';
import { migrateFromFolder } from '../db/migrate-from-folder';
import { createDbTokenStore } from '../db/queries/platform-tokens';
import { createZaloClient } from '../bots/zalo/client';
import { formatDateTime } from '../src/core/time';
import { createNodeTransport } from '../bots/http/node-transport';
import { ZaloAuthError } from '../bots/zalo/errors';
import { operatorMessage } from '../src/config/operator-errors';

let databaseUrl: string | undefined;

try {
  const env = parseEnv(process.env);
  databaseUrl = env.DATABASE_URL;
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
  console.error(err instanceof EnvError ? err.message : `zalo-token: ${zaloTokenMessage(err, databaseUrl)}`);
  process.exit(1);
}

/** One line for each error an operator can cause here. Never prints a token. */
function zaloTokenMessage(err: unknown, url: string | undefined): string {
  if (err instanceof ZaloAuthError) {
    if (err.reason === 'no_token') {
      return 'no refresh token is stored and ZALO_REFRESH_TOKEN is not set: set ZALO_REFRESH_TOKEN to the refresh token of an OA admin’s grant of the app (Zalo for Developers, your app, Official Account, access token).';
    }
    return `the refresh token was refused by Zalo${err.code !== undefined ? ` (error ${err.code})` : ''}: refresh tokens are single-use and expire after 3 months; have an OA admin grant the app again and put the new refresh token in ZALO_REFRESH_TOKEN.`;
  }
  if (err instanceof Error && /^Zalo is not configured/.test(err.message)) return err.message;
  return operatorMessage(err, { databaseUrl: url });
}
