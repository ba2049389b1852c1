// Thông báo: compose, choose the audience (all, creators, MCN leads, one MCN), preview with the
// counts per platform (Zalo split by the 7-day window), confirm; history with outcomes and a
// per-recipient list. Drafts and sending are the chat's own (insertDraftAnnouncement,
// confirmAnnouncement), so GUI in chat and "Xác nhận gửi" here are one code path.
import type { Hono } from 'hono';
import {
  cancelOtherDraftsQuery,
  closeDraftQuery,
  deliveryCountsByRef,
  getAnnouncement,
  insertDraftAnnouncement,
  listAnnouncements,
  type AnnouncementRow,
} from '../../../db/queries/announcements';
import { getBriefing } from '../../../db/queries/briefings';
import { deliveriesPage, deliveryCounts } from '../../../db/queries/digests';
import { listMcns } from '../../../db/queries/members';
import type { AnnouncementAudience, AnnouncementCounts } from '../../../db/schema';
import { messagesFor } from '../../i18n';
import type { AppDeps } from '../../http/app-deps';
import { PREVIEW_TTL_MS } from '../../core/features/announcements';
import { formatDateTime } from '../../core/time';
import { announcementMessage, briefingInviteMessage } from '../../core/use-cases/announcement-messages';
import { countAudience, describeAudience } from '../../core/use-cases/announcement-audience';
import { confirmAnnouncement } from '../../core/use-cases/confirm-announcement';
import { digestTotals } from '../../core/use-cases/summarise-digests';
import { randomToken } from '../auth';
import { audit, back, field, noticeOf, render, type ConsoleEnv } from '../context';
import { MessagePreview } from '../preview';
import { setSecurityHeaders } from '../security';
import type { ConsoleWords } from '../words';
import { DigestOutcome } from './overview';

const TEXT_MAX = 4000;

/** The audience fields of a form: all / creator / mcn_lead / mcn (+ mcn id). */
export async function audienceFromForm(deps: AppDeps, body: Record<string, unknown>): Promise<AnnouncementAudience | 'need_mcn'> {
  const kind = field(body, 'audience');
  if (kind === 'creator' || kind === 'mcn_lead') return { roles: [kind] };
  if (kind === 'mcn') {
    const id = Number(field(body, 'mcn'));
    const mcn = (await listMcns(deps.core.db)).find((m) => m.id === id);
    if (!mcn) return 'need_mcn';
    return { mcnId: mcn.id, mcnCode: mcn.code, mcnName: mcn.name };
  }
  return {};
}

/** The count lines shown under the audience (and sent as JSON to the live-counts script). */
export function countLines(w: ConsoleWords, counts: AnnouncementCounts): string[] {
  return [w.anCountMembers(counts.members), w.anCountTelegram(counts.telegram, counts.telegramNoPrivateChat ?? 0), w.anCountZalo(counts.zaloReachable, counts.zaloOutsideWindow)];
}

export function AudienceFields(props: { w: ConsoleWords; mcns: { id: number; name: string; code: string }[]; liveCounts?: boolean }) {
  const { w } = props;
  return (
    <fieldset>
      <legend>{w.anAudience}</legend>
      <label>
        <input type="radio" name="audience" value="all" checked /> {w.anAll}
      </label>
      <label>
        <input type="radio" name="audience" value="creator" /> {w.anCreators}
      </label>
      <label>
        <input type="radio" name="audience" value="mcn_lead" /> {w.anLeads}
      </label>
      <label>
        <input type="radio" name="audience" value="mcn" /> {w.anOneMcn}
      </label>
      <label for="mcn" class="visually-hidden">
        {w.anMcn}
      </label>
      <select id="mcn" name="mcn">
        <option value="">{`— ${w.anMcn} —`}</option>
        {props.mcns.map((m) => (
          <option value={String(m.id)}>{`${m.name} (${m.code})`}</option>
        ))}
      </select>
      {props.liveCounts ? (
        <div>
          <p class="hint" id="live-counts-label">
            {w.anCounts} <span class="js-only">{w.anCountsLive}</span>
          </p>
          <ul class="live-counts" data-live-counts aria-live="polite" aria-labelledby="live-counts-label">
            <li>{w.anCountsOnPreview}</li>
          </ul>
        </div>
      ) : null}
    </fieldset>
  );
}

export const refOf = (a: Pick<AnnouncementRow, 'kind' | 'id' | 'briefingId'>) => (a.kind === 'briefing' ? `briefing:${a.briefingId}` : `announcement:${a.id}`);

export function announcementPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;

  r.get('/announcements', async (c) => {
    const w = c.get('w');
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const [mcns, list] = await Promise.all([listMcns(db), listAnnouncements(db, { limit: 30, offset: 0 })]);
    const shown = list.filter((a) => a.status !== 'draft' || a.expiresAt.getTime() > clock.now().getTime());
    const outcomes = await deliveryCountsByRef(db, shown.filter((a) => a.status === 'sent').map(refOf));
    return render(
      c,
      w.anTitle,
      'announcements',
      <div class="grid">
        <section class="card" aria-labelledby="h-compose">
          <h2 id="h-compose">{w.anCompose}</h2>
          <form method="post" action="/console/announcements/preview">
            <label for="text">{w.anText}</label>
            <textarea id="text" name="text" required maxlength={TEXT_MAX}></textarea>
            <AudienceFields w={w} mcns={mcns} liveCounts />
            <button type="submit">{w.anPreviewButton}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="h-history">
          <h2 id="h-history">{w.anHistory}</h2>
          {shown.length === 0 ? <p>{w.none}</p> : null}
          <ul>
            {shown.map((a) => {
              const o = outcomes.get(refOf(a))?.total ?? {};
              return (
                <li>
                  <a href={`/console/announcements/${a.id}`}>
                    #{a.id} · {w.anKind[a.kind]} · {a.text.slice(0, 60)}
                  </a>{' '}
                  <span class="muted">
                    · {w.anStatus[a.status]} · {describeAudience(t, a.audience)}
                    {a.sentAt ? ` · ${formatDateTime(a.sentAt, env.TIMEZONE)}` : ''}
                    {a.status === 'sent' ? ` · ${w.deliveryStatus.sent}: ${o.sent ?? 0}, ${w.deliveryStatus.skipped}: ${o.skipped ?? 0}, ${w.deliveryStatus.failed}: ${o.failed ?? 0}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      </div>,
      { notice: noticeOf(c) },
    );
  });

  // The live counts of the audience fields (console.js asks when the audience changes).
  r.get('/announcements/counts', async (c) => {
    const w = c.get('w');
    const audience = await audienceFromForm(deps, { audience: c.req.query('audience') ?? 'all', mcn: c.req.query('mcn') ?? '' });
    setSecurityHeaders(c);
    if (audience === 'need_mcn') return c.json({ lines: [w.anNeedMcn] });
    return c.json({ lines: countLines(w, await countAudience(db, audience, clock.now())) });
  });

  r.post('/announcements/preview', async (c) => {
    const body = await c.req.parseBody();
    const text = field(body, 'text').normalize('NFC').slice(0, TEXT_MAX);
    if (!text) return back(c, '/console/announcements', { err: 'need_text' });
    const audience = await audienceFromForm(deps, body);
    if (audience === 'need_mcn') return back(c, '/console/announcements', { err: 'need_mcn' });
    const now = clock.now();
    const memberId = c.get('session').member.id;
    const counts = await countAudience(db, audience, now);
    const draft = await insertDraftAnnouncement(db, {
      kind: 'announcement',
      createdByMemberId: memberId,
      text,
      audience,
      previewCounts: counts,
      sourceEventKey: `console:${randomToken()}`,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS),
    });
    await db.batch([cancelOtherDraftsQuery(db, memberId, draft.id, now)]);
    await audit(deps, c, 'announcement_previewed', { announcementId: draft.id, audience });
    return back(c, `/console/announcements/${draft.id}`);
  });

  r.get('/announcements/:id', async (c) => {
    const w = c.get('w');
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const a = await getAnnouncement(db, Number(c.req.param('id')) || 0);
    if (!a) return back(c, '/console/announcements');
    const now = clock.now();
    const briefing = a.briefingId != null ? await getBriefing(db, a.briefingId) : undefined;
    const message = a.kind === 'briefing' && briefing ? briefingInviteMessage(t, briefing, env.TIMEZONE) : announcementMessage(t, a.text);
    const live = a.status === 'draft' && a.expiresAt.getTime() > now.getTime();
    const ref = refOf(a);
    const counts = live ? await countAudience(db, a.audience, now) : (a.counts ?? a.previewCounts);
    const totals = a.status === 'sent' ? digestTotals(await deliveryCounts(db, ref)) : null;
    const rows = a.status === 'sent' ? await deliveriesPage(db, ref, { limit: 500 }) : [];
    return render(
      c,
      a.kind === 'briefing' ? `${w.anKind.briefing} #${a.id}` : w.anPreviewTitle(a.id),
      a.kind === 'briefing' ? 'briefings' : 'announcements',
      <>
        <section class="card">
          <p>
            {w.anStatus[a.status]} · {describeAudience(t, a.audience)}
          </p>
          <h2>{w.anCounts}</h2>
          <ul>
            <li>{w.anCountMembers(counts.members)}</li>
            <li>{w.anCountTelegram(counts.telegram, counts.telegramNoPrivateChat ?? 0)}</li>
            <li>{w.anCountZalo(counts.zaloReachable, counts.zaloOutsideWindow)}</li>
          </ul>
          {live ? (
            <>
              <p class="muted">{w.anExpires(formatDateTime(a.expiresAt, env.TIMEZONE))}</p>
              <div class="row">
                <form method="post" action={`/console/announcements/${a.id}/send`} class="inline">
                  <input type="hidden" name="confirm" value="yes" />
                  <button type="submit">{w.anConfirm}</button>
                </form>
                <form method="post" action={`/console/announcements/${a.id}/cancel`} class="inline">
                  <button type="submit" class="secondary">
                    {w.anDrop}
                  </button>
                </form>
              </div>
            </>
          ) : a.status === 'draft' ? (
            <p class="notice err">{w.anExpired}</p>
          ) : null}
        </section>
        <section class="card">
          <h2>{w.dgPreview}</h2>
          <MessagePreview deps={deps} w={w} message={message} />
        </section>
        {totals ? (
          <section class="card">
            <h2>{w.anOutcomes}</h2>
            <DigestOutcome w={w} totals={totals} />
            <h2>{w.anRecipients}</h2>
            <div class="table-wrap" tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{w.anMember}</th>
                    <th scope="col">{w.anPlatform}</th>
                    <th scope="col">{w.anState}</th>
                    <th scope="col">{w.anReason}</th>
                    <th scope="col" class="num">
                      {w.anAttempts}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((d) => (
                    <tr>
                      <td>{d.memberId ?? '—'}</td>
                      <td>{d.platform}</td>
                      <td>{w.deliveryStatus[d.status] ?? d.status}</td>
                      <td>{d.reason ? (w.reasons[d.reason] ?? d.reason) : ''}</td>
                      <td class="num">{d.attempts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </>,
      { notice: noticeOf(c) },
    );
  });

  r.post('/announcements/:id/send', async (c) => {
    const a = await getAnnouncement(db, Number(c.req.param('id')) || 0);
    if (!a) return back(c, '/console/announcements');
    const here = `/console/announcements/${a.id}`;
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') return back(c, here);
    const now = clock.now();
    if (a.status !== 'draft' || a.expiresAt.getTime() <= now.getTime()) return back(c, here, { err: 'expired' });
    // confirmAnnouncement writes the audit entry (announcement_sent / briefing_sent) with this official.
    const res = await confirmAnnouncement(core, a, c.get('session').member.id, now);
    if (!res.ok) return back(c, here, { err: res.reason === 'briefing_started' ? 'past' : 'expired' });
    return back(c, here, { ok: 'sent', n: res.counts.members });
  });

  r.post('/announcements/:id/cancel', async (c) => {
    const a = await getAnnouncement(db, Number(c.req.param('id')) || 0);
    if (!a) return back(c, '/console/announcements');
    await db.batch([closeDraftQuery(db, a.id, 'cancelled', clock.now())]);
    await audit(deps, c, 'announcement_dropped', { announcementId: a.id });
    return back(c, '/console/announcements', { ok: 'saved' });
  });
}
