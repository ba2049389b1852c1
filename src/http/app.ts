// createApp(deps): the Hono app shared by the Node server and the Worker.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../core/errors';
import { errorFields } from '../core/logger';
import type { AppDeps } from './app-deps';
import { errorResponse, jsonError } from './errors';
import { healthRoutes } from './routes/health';
import { telegramWebhookRoutes } from './routes/telegram-webhook';
import { zaloWebhookRoutes } from './routes/zalo-webhook';
import { apiRoutes } from './routes/api';
import { downloadRoutes } from './routes/downloads';
import { consoleRoutes } from '../console/routes';
import { withAccessLog } from './access-log';

export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.route('/', healthRoutes(deps));
  app.route('/', telegramWebhookRoutes(deps));
  app.route('/', zaloWebhookRoutes(deps));
  app.route('/api', apiRoutes(deps));
  app.route('/', downloadRoutes(deps));
  app.route('/console', consoleRoutes(deps));

  app.notFound((c) => jsonError(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`));
  app.onError((err, c) => {
    if (err instanceof AppError) return errorResponse(c, err);
    if (err instanceof HTTPException) return jsonError(c, err.status as 400, 'http_error', err.message);
    deps.core.log.error('unhandled error', { path: c.req.path, ...errorFields(err) });
    return jsonError(c, 500, 'internal_error', 'Something went wrong on our side.');
  });
  // One access-log line and the request metrics per request, around the whole app.
  app.fetch = withAccessLog(app.fetch, { log: deps.core.log, metrics: deps.core.metrics });
  return app;
}

export type App = ReturnType<typeof createApp>;
