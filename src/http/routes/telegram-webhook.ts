// POST /webhooks/telegram: secret header → JSON → store (durable) → 200. Failure to store → 500
// so Telegram resends. Processing happens after the store (src/core/inbox).
import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { answerJson } from '../answer';
import { edge } from '../edge';
import { jsonError } from '../errors';
import { timingSafeEqualStrings } from '../timing-safe';

export function telegramWebhookRoutes(deps: AppDeps) {
  const r = new Hono();
  r.post('/webhooks/telegram', edge(async (c) => {
    const tg = deps.telegram;
    if (!tg) return jsonError(c, 404, 'telegram_disabled', 'Telegram is not configured on this server (set TELEGRAM_BOT_TOKEN).');
    const given = c.req.header('x-telegram-bot-api-secret-token') ?? '';
    if (!timingSafeEqualStrings(given, tg.secret)) {
      return jsonError(c, 401, 'unauthorized', 'Missing or wrong X-Telegram-Bot-Api-Secret-Token.');
    }
    let update: unknown;
    try {
      update = JSON.parse(await c.req.text());
    } catch {
      return jsonError(c, 400, 'malformed_json', 'The body is not valid JSON.');
    }
    if (typeof update !== 'object' || update === null || typeof (update as { update_id?: unknown }).update_id !== 'number') {
      return jsonError(c, 400, 'not_a_telegram_update', 'The body is not a Telegram update (no numeric update_id).');
    }
    try {
      await tg.handleUpdate(update);
    } catch (err) {
      deps.core.log.error('telegram update not stored', { error: err instanceof Error ? err.name : 'unknown' });
      return jsonError(c, 500, 'not_stored', 'The update could not be stored; Telegram will resend it.');
    }
    return answerJson(c, { ok: true });
  }));
  return r;
}
