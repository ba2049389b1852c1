// Operator CLI: `npm run telegram:webhook [PUBLIC_URL]` registers the webhook and command menus, then prints getWebhookInfo.
import { setTelegramWebhook } from '../bots/telegram/set-webhook';

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`set ${name}`);
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const info = await setTelegramWebhook({
    token: required('TELEGRAM_BOT_TOKEN', env.TELEGRAM_BOT_TOKEN),
    secretToken: required('TELEGRAM_WEBHOOK_SECRET', env.TELEGRAM_WEBHOOK_SECRET),
    publicUrl: required('PUBLIC_URL (or pass the URL as the first argument)', process.argv[2] || env.PUBLIC_URL),
    apiRoot: env.TELEGRAM_API_ROOT || 'https://api.telegram.org',
  });
  // getWebhookInfo holds no secret: the secret token is never echoed back by Telegram.
  console.log(JSON.stringify(info, null, 2));
}

main().catch((err: unknown) => {
  console.error(`set-telegram-webhook: ${err instanceof Error ? err.message : 'unknown error'}`);
  process.exitCode = 1;
});
