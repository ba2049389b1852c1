// The environment that points Loa at the platform fakes, shared by the Node harness, the workerd
// scenario runner and the Worker bench (one set of test credentials: test/worker/constants.ts).
import type { FakeTelegram } from '../fakes/telegram-api';
import type { FakeZalo } from '../fakes/zalo-api';
import { ADMIN_TOKEN, BOT_USERNAME, TG_SECRET, TG_TOKEN, ZALO_APP_ID, ZALO_OA_SECRET } from '../worker/constants';

export function fakePlatformEnv(tg: FakeTelegram, zalo: FakeZalo): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_BOT_USERNAME: BOT_USERNAME,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ZALO_APP_ID,
    ZALO_APP_SECRET: zalo.appSecret,
    ZALO_OA_SECRET_KEY: ZALO_OA_SECRET,
    ZALO_REFRESH_TOKEN: zalo.tokens().refreshToken,
    ZALO_API_ROOT: zalo.url,
    ZALO_OAUTH_ROOT: zalo.oauthUrl,
    ADMIN_TOKEN,
  };
}
