// The admin JSON API under /api: bearer ADMIN_TOKEN; the whole API answers 404 when it is unset.
// Each feature adds its router here in one line.
import { Hono } from 'hono';
import type { AppDeps } from '../../app-deps';
import { edgeMiddleware } from '../../edge';
import { jsonError } from '../../errors';
import { timingSafeEqualStrings } from '../../timing-safe';
import { statsApi } from './stats';
import { announcementsApi } from './announcements';
import { briefingsApi } from './briefings';
import { articlesApi } from './articles';
import { digestsApi } from './digests';
import { deliveriesApi } from './deliveries';
import { campaignsApi } from './campaigns';
import { postsApi } from './posts';
import { questionsApi } from './questions';

export function apiRoutes(deps: AppDeps) {
  const api = new Hono();
  const token = deps.core.env.ADMIN_TOKEN;
  api.use('*', edgeMiddleware);
  api.use('*', async (c, next) => {
    if (!token) return jsonError(c, 404, 'not_found', 'The admin API is disabled: set ADMIN_TOKEN to enable it.');
    const header = c.req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !timingSafeEqualStrings(given, token)) {
      return jsonError(c, 401, 'unauthorized', 'Send Authorization: Bearer <ADMIN_TOKEN>.');
    }
    await next();
  });
  api.route('/', statsApi(deps));
  api.route('/', articlesApi(deps));
  api.route('/', digestsApi(deps));
  api.route('/', deliveriesApi(deps));
  api.route('/', campaignsApi(deps));
  api.route('/', postsApi(deps));
  api.route('/', announcementsApi(deps));
  api.route('/', briefingsApi(deps));
  api.route('/', questionsApi(deps));
  return api;
}
