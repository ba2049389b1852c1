// GET /downloads/<token>[/<file name>]: a campaign export behind a signed, expiring token (see
// src/core/use-cases/download-token.ts), for chat users who cannot send the admin bearer token.
import { Hono, type Context } from 'hono';
import { findCampaign } from '../../../db/queries/campaigns';
import { downloadSecret, verifyDownloadToken } from '../../core/use-cases/download-token';
import { campaignCsvStream, campaignFileStem } from '../../core/use-cases/export-campaign-posts';
import type { AppDeps } from '../app-deps';
import { edgeMiddleware } from '../edge';
import { jsonError } from '../errors';
import { csvHeaders } from './api/campaigns';

export function downloadRoutes(deps: AppDeps) {
  const core = deps.core;
  const r = new Hono();

  async function serve(c: Context, token: string) {
    const secret = downloadSecret(core.env);
    if (!secret) return jsonError(c, 404, 'not_found', 'Downloads are disabled: set DOWNLOAD_SECRET or ADMIN_TOKEN.');
    const v = await verifyDownloadToken(secret, token, core.clock.now());
    if (!v.ok && v.reason === 'expired') return jsonError(c, 410, 'link_expired', 'This download link has expired: ask Loa for a new one (/xuat).');
    if (!v.ok) return jsonError(c, 403, 'invalid_token', 'This download link is not valid.');
    const campaign = await findCampaign(core.db, v.campaignId);
    if (!campaign) return jsonError(c, 404, 'not_found', 'This campaign no longer exists.');
    const stem = campaignFileStem(campaign);
    core.log.info('campaign export downloaded', { campaignId: campaign.id });
    return c.body(campaignCsvStream(core, campaign.id), 200, csvHeaders(`${stem}.csv`));
  }

  r.use('*', edgeMiddleware);
  r.get('/downloads/:token', (c) => serve(c, c.req.param('token')));
  // The file name after the token is only for the browser's save dialog.
  r.get('/downloads/:token/:filename', (c) => serve(c, c.req.param('token')));
  return r;
}
