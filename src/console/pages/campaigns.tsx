// Chiến dịch (SPEC §7, issue 16): the campaigns, newest first, with their posts per status and a
// form to create one (dates dd/mm/yyyy in TIMEZONE; a campaign that already ended may be created
// to collect late reports); a campaign's page (posts per day per platform as a chart and its
// table, rankings of MCNs and creators by valid posts, CSV, close); its posts with filters
// (platform, MCN, member, status, report date) in newest-first pages, reviewed one or many at a
// time with a note. The same use-cases as chat and the admin API: createCampaign, closeCampaign,
// reviewPosts (each writes its audit entry with this official), campaignCsvStream.
import type { Hono } from 'hono';
import {
  campaignCreatorRanking,
  campaignMcnRanking,
  campaignPage,
  campaignPostPage,
  campaignPostsPerDay,
  campaignReportSpan,
  campaignsStatusTally,
  campaignStatusTally,
  type CampaignPostFilter,
  type PostCursor,
} from '../../../db/queries/campaign-review';
import { findCampaign, type CampaignRow } from '../../../db/queries/campaigns';
import { listMcns } from '../../../db/queries/members';
import { LINK_PLATFORMS, POST_STATUSES, type PostStatus } from '../../../db/schema';
import type { LinkPlatform } from '../../core/links';
import { messagesFor } from '../../i18n';
import type { AppDeps } from '../../http/app-deps';
import { campaignState } from '../../core/features/campaigns/common';
import { formatDateTime, isoToDisplayDate, localDate, parseDisplayDate, zonedToUtc } from '../../core/time';
import { closeCampaign } from '../../core/use-cases/close-campaign';
import { createCampaign, type CreateCampaignResult } from '../../core/use-cases/create-campaign';
import { campaignCsvStream, campaignFileStem } from '../../core/use-cases/export-campaign-posts';
import { REVIEW_NOTE_MAX, reviewPosts } from '../../core/use-cases/review-posts';
import { randomToken } from '../auth';
import { StackedBarChart } from '../chart';
import { back, field, noticeOf, render, type CCtx, type ConsoleEnv } from '../context';
import type { Notice } from '../layout';
import { setSecurityHeaders } from '../security';
import { campaignWords, type CampaignWords } from './campaigns-words';

const LIST_PAGE = 20;
const POSTS_PAGE = 50;
const RANKING = 20;
/** The chart shows at most this many days (the latest); the CSV has everything. */
const CHART_DAYS = 92;
const DAY_MS = 86_400_000;

const addDays = (iso: string, k: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + k * DAY_MS).toISOString().slice(0, 10);

function campaignNotice(c: CCtx): Notice | null {
  const k = campaignWords(c.get('w').lang);
  const t = messagesFor(c.get('w').lang === 'en' ? 'en' : 'vi');
  const n = c.req.query('n') ?? '';
  const ok = c.req.query('ok');
  const err = c.req.query('err');
  if (ok === 'c_created') return { kind: 'ok', text: k.cCreated(n) };
  if (ok === 'c_created_ended') return { kind: 'ok', text: k.cCreatedEnded(n) };
  if (ok === 'c_closed') return { kind: 'ok', text: k.cClosed };
  if (ok === 'c_already_closed') return { kind: 'ok', text: k.cAlreadyClosed };
  if (ok === 'c_reviewed') {
    const [count = '0', status = 'valid'] = n.split('-');
    return { kind: 'ok', text: k.cReviewed(count, t.postStatusNames[status as PostStatus] ?? status) };
  }
  if (err === 'c_not_found') return { kind: 'err', text: k.cNotFound };
  if (err === 'c_bad_date') return { kind: 'err', text: k.cBadFilterDate };
  if (err?.startsWith('c_review_') && k.cReviewErrors[err.slice(9)]) return { kind: 'err', text: k.cReviewErrors[err.slice(9)]! };
  return noticeOf(c);
}

interface CreateValues {
  name: string;
  hashtags: string;
  from: string;
  to: string;
}

/** The words of a refused creation. */
function createErrorText(k: CampaignWords, res: Exclude<CreateCampaignResult, { ok: true }>): string {
  if (res.error === 'hashtag_taken') return res.conflicts.map((x) => k.cHashtagTaken(x.tag, x.campaignId, x.campaignName)).join(' ');
  if (res.error === 'bad_date') return k.cErrors[res.field === 'startsOn' ? 'bad_from' : 'bad_to']!;
  return k.cErrors[res.error] ?? res.error;
}

/** The posts page's filter from its query string; `badDate` when a date was not dd/mm/yyyy. */
function readFilter(c: CCtx, campaignId: number, tz: string): { filter: CampaignPostFilter; raw: Record<string, string>; badDate: boolean } {
  const q = (k: string) => (c.req.query(k) ?? '').trim().slice(0, 40);
  const raw = { status: q('status'), platform: q('platform'), mcn: q('mcn'), member: q('member'), from: q('from'), to: q('to') };
  const filter: CampaignPostFilter = { campaignId };
  if ((POST_STATUSES as readonly string[]).includes(raw.status)) filter.status = raw.status as PostStatus;
  if ((LINK_PLATFORMS as readonly string[]).includes(raw.platform)) filter.platform = raw.platform as LinkPlatform;
  if (/^\d{1,9}$/.test(raw.mcn)) filter.mcnId = Number(raw.mcn);
  const member = raw.member.replace(/^#/, '');
  if (/^\d{1,9}$/.test(member)) filter.memberId = Number(member);
  let badDate = false;
  if (raw.from) {
    const d = parseDisplayDate(raw.from);
    if (d) filter.fromMs = zonedToUtc(d, '00:00', tz).getTime();
    else badDate = true;
  }
  if (raw.to) {
    const d = parseDisplayDate(raw.to);
    if (d) filter.toMs = zonedToUtc(addDays(d, 1), '00:00', tz).getTime();
    else badDate = true;
  }
  return { filter, raw, badDate };
}

const cursorOf = (s: string | undefined): PostCursor | undefined => {
  const m = /^(\d{1,15})\.(\d{1,12})$/.exec(s ?? '');
  return m ? { at: Number(m[1]), id: Number(m[2]) } : undefined;
};

export function campaignPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;
  const tz = env.TIMEZONE;

  async function listPage(c: CCtx, opts: { values?: CreateValues; error?: string; status?: number } = {}) {
    const w = c.get('w');
    const k = campaignWords(w.lang);
    const today = localDate(clock.now(), tz);
    const before = Number(c.req.query('before')) || undefined;
    const rows = await campaignPage(db, { beforeId: before, limit: LIST_PAGE });
    const counts = await campaignsStatusTally(
      db,
      rows.map((x) => x.id),
    );
    const v = opts.values ?? { name: '', hashtags: '', from: '', to: '' };
    const older = rows.length === LIST_PAGE ? rows[rows.length - 1]!.id : null;
    return render(
      c,
      k.cTitle,
      'campaigns',
      <div class="grid">
        <section class="card" aria-labelledby="h-create">
          <h2 id="h-create">{k.cCreate}</h2>
          <form method="post" action="/console/campaigns" novalidate>
            <label for="c-name">{k.cName}</label>
            <input id="c-name" type="text" name="name" required minlength={2} maxlength={200} value={v.name} />
            <label for="c-tags">{k.cHashtags}</label>
            <input id="c-tags" type="text" name="hashtags" required maxlength={600} value={v.hashtags} aria-describedby="c-tags-hint" />
            <p id="c-tags-hint" class="muted">
              {k.cHashtagsHint}
            </p>
            <div class="row">
              <div>
                <label for="c-from">{k.cFrom}</label>
                <input id="c-from" type="text" name="from" required inputmode="numeric" placeholder="dd/mm/yyyy" maxlength={10} value={v.from} aria-describedby="c-dates-hint" />
              </div>
              <div>
                <label for="c-to">{k.cTo}</label>
                <input id="c-to" type="text" name="to" required inputmode="numeric" placeholder="dd/mm/yyyy" maxlength={10} value={v.to} aria-describedby="c-dates-hint" />
              </div>
            </div>
            <p id="c-dates-hint" class="muted">
              {k.cDatesHint(tz)}
            </p>
            <button type="submit">{k.cCreateButton}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="h-list">
          <h2 id="h-list">{k.cList}</h2>
          {rows.length === 0 ? <p>{k.cNone}</p> : null}
          {rows.length ? (
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption class="visually-hidden">{k.cList}</caption>
                <thead>
                  <tr>
                    <th scope="col">{k.cName}</th>
                    <th scope="col">{k.cDates}</th>
                    <th scope="col">{k.cState}</th>
                    <th scope="col" class="num">
                      {k.cPosts}
                    </th>
                    <th scope="col" class="num">
                      {k.cValid}
                    </th>
                    <th scope="col" class="num">
                      {k.cPending}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((x) => {
                    const n = counts.get(x.id) ?? { total: 0, valid: 0, pending: 0, invalid: 0 };
                    return (
                      <tr data-campaign={x.id}>
                        <td>
                          <a href={`/console/campaigns/${x.id}`}>{x.name}</a>
                          <div class="muted">{`#${x.id} · ${x.hashtags.join(' ')}`}</div>
                        </td>
                        <td>{`${isoToDisplayDate(x.startsOn)}–${isoToDisplayDate(x.endsOn)}`}</td>
                        <td>{k.cStates[campaignState(x, today)]}</td>
                        <td class="num">{n.total}</td>
                        <td class="num">{n.valid}</td>
                        <td class="num">{n.pending}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          ) : null}
          <p class="row">
            {before ? <a href="/console/campaigns">{k.cNewest}</a> : null}
            {older ? <a href={`/console/campaigns?before=${older}`}>{k.cOlder} →</a> : null}
          </p>
        </section>
      </div>,
      { status: opts.status ?? 200, notice: opts.error ? { kind: 'err', text: opts.error } : campaignNotice(c) },
    );
  }

  r.get('/campaigns', (c) => listPage(c));

  r.post('/campaigns', async (c) => {
    const k = campaignWords(c.get('w').lang);
    const body = await c.req.parseBody();
    const values: CreateValues = { name: field(body, 'name'), hashtags: field(body, 'hashtags'), from: field(body, 'from'), to: field(body, 'to') };
    const hashtags = values.hashtags.split(/[\s,;]+/).filter(Boolean);
    // Dates are read here (dd/mm/yyyy, the chat's format); the use-case checks the rest.
    const startsOn = parseDisplayDate(values.from);
    if (!startsOn) return listPage(c, { values, error: k.cErrors.bad_from, status: 400 });
    const endsOn = parseDisplayDate(values.to);
    if (!endsOn) return listPage(c, { values, error: k.cErrors.bad_to, status: 400 });
    const res = await createCampaign(core, {
      name: values.name,
      hashtags,
      startsOn,
      endsOn,
      createdByMemberId: c.get('session').member.id,
      createKey: `console:${randomToken()}`,
      allowEnded: true,
      via: 'console',
    });
    if (!res.ok) return listPage(c, { values, error: createErrorText(k, res), status: res.error === 'hashtag_taken' ? 409 : 400 });
    const ended = res.campaign.endsOn < localDate(clock.now(), tz);
    return back(c, `/console/campaigns/${res.campaign.id}`, { ok: ended ? 'c_created_ended' : 'c_created', n: res.campaign.id });
  });

  /** The campaign named in the path, or a redirect to the list. */
  async function campaignOf(c: CCtx): Promise<CampaignRow | undefined> {
    const raw = c.req.param('id') ?? '';
    return /^\d{1,9}$/.test(raw) ? findCampaign(db, Number(raw)) : undefined;
  }

  r.get('/campaigns/:id', async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return back(c, '/console/campaigns', { err: 'c_not_found' });
    const w = c.get('w');
    const k = campaignWords(w.lang);
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const now = clock.now();
    const today = localDate(now, tz);
    const id = campaign.id;
    const [tally, span, mcnRank, creatorRank] = await Promise.all([
      campaignStatusTally(db, { campaignId: id }),
      campaignReportSpan(db, id),
      campaignMcnRanking(db, id, RANKING),
      campaignCreatorRanking(db, id, RANKING),
    ]);
    // Days: the campaign's (up to today), widened to any day with posts (late or early reports).
    let first = campaign.startsOn;
    let last = campaign.endsOn < today ? campaign.endsOn : today < campaign.startsOn ? campaign.startsOn : today;
    if (span && localDate(span.first, tz) < first) first = localDate(span.first, tz);
    if (span && localDate(span.last, tz) > last) last = localDate(span.last, tz);
    const days: string[] = [];
    for (let d = last; d >= first && days.length < CHART_DAYS; d = addDays(d, -1)) days.unshift(d);
    const bounds = days.map((day) => ({ day, lo: zonedToUtc(day, '00:00', tz).getTime(), hi: zonedToUtc(addDays(day, 1), '00:00', tz).getTime() }));
    const perDay = span ? await campaignPostsPerDay(db, id, bounds, LINK_PLATFORMS) : [];
    const platforms = LINK_PLATFORMS.filter((p) => perDay.some((x) => x.platform === p && x.n > 0));
    const cell = new Map(perDay.map((x) => [`${x.day}|${x.platform}`, x.n]));
    const series = platforms.map((p) => ({ name: t.platformNames[p], values: days.map((d) => cell.get(`${d}|${p}`) ?? 0) }));
    const dayTotal = (d: string) => platforms.reduce((a, p) => a + (cell.get(`${d}|${p}`) ?? 0), 0);
    const shownTotal = days.reduce((a, d) => a + dayTotal(d), 0);
    const state = campaignState(campaign, today);
    const member = (m: { memberId: number; name: string | null }) => (
      <a href={`/console/members/${m.memberId}`}>{`${m.name ?? k.cDeleted} · ${k.cMemberNo(m.memberId)}`}</a>
    );
    return render(
      c,
      campaign.name,
      'campaigns',
      <>
        <section class="card" aria-labelledby="h-sum">
          <h2 id="h-sum">{k.cSummary}</h2>
          <p>
            <strong>{k.cHashtagsLabel}:</strong> {campaign.hashtags.join(' ')} · <strong>{k.cDates}:</strong>{' '}
            {`${isoToDisplayDate(campaign.startsOn)}–${isoToDisplayDate(campaign.endsOn)}`} · <strong>{k.cState}:</strong> {k.cStates[state]}
          </p>
          <p data-counts="campaign">
            <strong>{k.cPosts}:</strong> <span data-count="total">{tally.total}</span> · <strong>{k.cValid}:</strong> <span data-count="valid">{tally.valid}</span> ·{' '}
            <strong>{k.cPending}:</strong> <span data-count="pending">{tally.pending}</span> · <strong>{k.cInvalid}:</strong>{' '}
            <span data-count="invalid">{tally.invalid}</span>
          </p>
          <p class="row">
            <a class="button" href={`/console/campaigns/${id}/posts`}>
              {k.cReview}
            </a>
            <a class="button secondary" href={`/console/campaigns/${id}/posts.csv`} download>
              {k.cCsv}
            </a>
            {campaign.status === 'open' ? (
              <form method="post" action={`/console/campaigns/${id}/close`} class="inline">
                <input type="hidden" name="confirm" value="yes" />
                <button type="submit" class="danger">
                  {k.cClose}
                </button>
              </form>
            ) : null}
          </p>
        </section>
        <section class="card" aria-labelledby="h-day">
          <h2 id="h-day">{k.cPerDay}</h2>
          <StackedBarChart labels={days.map((d) => isoToDisplayDate(d).slice(0, 5))} series={series} label={k.cChartLabel(shownTotal, days.length)} />
          <details>
            <summary>{k.cPerDayTable}</summary>
            <div class="table-wrap" tabindex={0}>
              <table data-table="per-day">
                <caption class="visually-hidden">{k.cPerDayTable}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.date}</th>
                    {platforms.map((p) => (
                      <th scope="col" class="num">
                        {t.platformNames[p]}
                      </th>
                    ))}
                    <th scope="col" class="num">
                      {w.total}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr>
                      <th scope="row">{isoToDisplayDate(d)}</th>
                      {platforms.map((p) => (
                        <td class="num">{cell.get(`${d}|${p}`) ?? 0}</td>
                      ))}
                      <td class="num">{dayTotal(d)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </section>
        <div class="grid">
          <section class="card" aria-labelledby="h-rank-mcn">
            <h2 id="h-rank-mcn">{k.cRankMcn}</h2>
            {mcnRank.length === 0 ? (
              <p>{k.cNoValid}</p>
            ) : (
              <div class="table-wrap" tabindex={0}>
                <table data-table="rank-mcn">
                  <caption class="visually-hidden">{k.cRankMcn}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        {k.cRank}
                      </th>
                      <th scope="col">{k.cMcn}</th>
                      <th scope="col" class="num">
                        {k.cValid}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {mcnRank.map((m, i) => (
                      <tr>
                        <td class="num">{i + 1}</td>
                        <td>{m.mcnId == null ? k.cIndependent : `${m.name ?? '?'}${m.code ? ` (${m.code})` : ''}`}</td>
                        <td class="num">{m.valid}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section class="card" aria-labelledby="h-rank-cr">
            <h2 id="h-rank-cr">{k.cRankCreators}</h2>
            {creatorRank.length === 0 ? (
              <p>{k.cNoValid}</p>
            ) : (
              <div class="table-wrap" tabindex={0}>
                <table data-table="rank-creators">
                  <caption class="visually-hidden">{k.cRankCreators}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        {k.cRank}
                      </th>
                      <th scope="col">{k.cCreator}</th>
                      <th scope="col">{k.cMcn}</th>
                      <th scope="col" class="num">
                        {k.cValid}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {creatorRank.map((m, i) => (
                      <tr>
                        <td class="num">{i + 1}</td>
                        <td>{member(m)}</td>
                        <td>{m.mcnName ?? k.cIndependent}</td>
                        <td class="num">{m.valid}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </>,
      { notice: campaignNotice(c) },
    );
  });

  r.post('/campaigns/:id/close', async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return back(c, '/console/campaigns', { err: 'c_not_found' });
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') return back(c, `/console/campaigns/${campaign.id}`);
    const res = await closeCampaign(core, campaign.id, { actorMemberId: c.get('session').member.id, via: 'console' });
    if (!res.ok) return back(c, '/console/campaigns', { err: 'c_not_found' });
    return back(c, `/console/campaigns/${campaign.id}`, { ok: res.alreadyClosed ? 'c_already_closed' : 'c_closed' });
  });

  r.get('/campaigns/:id/posts.csv', async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return back(c, '/console/campaigns', { err: 'c_not_found' });
    setSecurityHeaders(c);
    return c.body(campaignCsvStream(core, campaign.id), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${campaignFileStem(campaign)}.csv"`,
    });
  });

  r.get('/campaigns/:id/posts', async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return back(c, '/console/campaigns', { err: 'c_not_found' });
    const w = c.get('w');
    const k = campaignWords(w.lang);
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const id = campaign.id;
    const { filter, raw, badDate } = readFilter(c, id, tz);
    const before = cursorOf(c.req.query('before'));
    const [rows, tally, mcnList] = await Promise.all([campaignPostPage(db, filter, { before, limit: POSTS_PAGE }), campaignStatusTally(db, filter), listMcns(db)]);
    const shown = filter.status ? tally[filter.status] : tally.total;
    const lastRow = rows.length === POSTS_PAGE ? rows[rows.length - 1]! : null;
    const query = (extra: Record<string, string>) => {
      const u = new URLSearchParams();
      for (const [key, v] of Object.entries({ ...raw, ...extra })) if (v) u.set(key, v);
      const s = u.toString();
      return `/console/campaigns/${id}/posts${s ? `?${s}` : ''}`;
    };
    const here = query(before ? { before: `${before.at}.${before.id}` } : {});
    const statusName = (s: PostStatus) => t.postStatusNames[s];
    const notice = badDate ? { kind: 'err' as const, text: k.cBadFilterDate } : campaignNotice(c);
    return render(
      c,
      k.cPostsTitle(campaign.name),
      'campaigns',
      <>
        <p>
          <a href={`/console/campaigns/${id}`}>← {k.cBackToCampaign}</a>
        </p>
        <section class="card" aria-labelledby="h-filter">
          <h2 id="h-filter">{k.cFilter}</h2>
          <form method="get" action={`/console/campaigns/${id}/posts`} class="filters">
            <div class="row">
              <div>
                <label for="f-status">{k.cStatus}</label>
                <select id="f-status" name="status">
                  <option value="">{k.cAll}</option>
                  {POST_STATUSES.map((s) => (
                    <option value={s} selected={filter.status === s}>
                      {statusName(s)}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="f-platform">{k.cPlatform}</label>
                <select id="f-platform" name="platform">
                  <option value="">{k.cAll}</option>
                  {LINK_PLATFORMS.map((p) => (
                    <option value={p} selected={filter.platform === p}>
                      {t.platformNames[p]}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label for="f-mcn">{k.cMcn}</label>
                <select id="f-mcn" name="mcn">
                  <option value="">{k.cAll}</option>
                  <option value="0" selected={filter.mcnId === 0}>
                    {k.cIndependent}
                  </option>
                  {mcnList.map((m) => (
                    <option value={String(m.id)} selected={filter.mcnId === m.id}>{`${m.name}${m.code ? ` (${m.code})` : ''}`}</option>
                  ))}
                </select>
              </div>
              <div>
                <label for="f-member">{k.cMember}</label>
                <input id="f-member" type="text" name="member" inputmode="numeric" maxlength={10} value={raw.member} />
              </div>
              <div>
                <label for="f-from">{k.cDayFrom}</label>
                <input id="f-from" type="text" name="from" inputmode="numeric" placeholder="dd/mm/yyyy" maxlength={10} value={raw.from} />
              </div>
              <div>
                <label for="f-to">{k.cDayTo}</label>
                <input id="f-to" type="text" name="to" inputmode="numeric" placeholder="dd/mm/yyyy" maxlength={10} value={raw.to} />
              </div>
            </div>
            <p class="row">
              <button type="submit">{k.cFilterButton}</button>
              <a class="button secondary" href={`/console/campaigns/${id}/posts`}>
                {k.cClear}
              </a>
            </p>
          </form>
          <p data-counts="filter">
            <strong>{k.cCounts(shown)}</strong> · {k.cPending}: <span data-count="pending">{tally.pending}</span> · {k.cValid}:{' '}
            <span data-count="valid">{tally.valid}</span> · {k.cInvalid}: <span data-count="invalid">{tally.invalid}</span>
          </p>
        </section>
        <section class="card" aria-labelledby="h-posts">
          <h2 id="h-posts">{k.cPosts}</h2>
          {rows.length === 0 ? (
            <p>{k.cNoPosts}</p>
          ) : (
            <form method="post" action={`/console/campaigns/${id}/posts/review`}>
              <input type="hidden" name="back" value={here} />
              <div class="table-wrap" tabindex={0}>
                <table data-table="posts">
                  <caption class="visually-hidden">{k.cPosts}</caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        <span class="visually-hidden">{k.cSelected}</span>
                      </th>
                      <th scope="col">{k.cLink}</th>
                      <th scope="col">{k.cCreator}</th>
                      <th scope="col">{k.cReportedAt}</th>
                      <th scope="col">{k.cStatus}</th>
                      <th scope="col">
                        <span class="visually-hidden">{k.cReview}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => (
                      <tr data-post={p.id} data-status={p.status}>
                        <td>
                          <input type="checkbox" name="id" value={String(p.id)} id={`sel-${p.id}`} aria-label={k.cSelect(p.id)} />
                        </td>
                        <td class="link">
                          <a href={p.url} rel="noopener noreferrer" target="_blank">
                            {p.url}
                          </a>
                          <div class="muted">
                            {t.platformNames[p.platform]}
                            {p.short ? ` · ${k.cShort}` : ''}
                          </div>
                        </td>
                        <td>
                          <a href={`/console/members/${p.memberId}`}>{`${p.memberName ?? k.cDeleted} · ${k.cMemberNo(p.memberId)}`}</a>
                          <div class="muted">{p.mcnName ?? k.cIndependent}</div>
                        </td>
                        <td>{formatDateTime(p.reportedAt, tz)}</td>
                        <td>
                          {statusName(p.status)}
                          {p.reviewNote ? <div class="muted">{`${k.cNote}: ${p.reviewNote}`}</div> : null}
                        </td>
                        <td>
                          <div class="row">
                            <button type="submit" class="secondary" name="decision" value="valid" formaction={`/console/campaigns/${id}/posts/review?only=${p.id}`} aria-label={k.cApproveOne(p.id)}>
                              ✓
                            </button>
                            <button type="submit" class="secondary" name="decision" value="invalid" formaction={`/console/campaigns/${id}/posts/review?only=${p.id}`} aria-label={k.cRejectOne(p.id)}>
                              ✗
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <fieldset>
                <legend>{k.cSelected}</legend>
                <label for="r-note">{k.cNoteLabel}</label>
                <textarea id="r-note" name="note" rows={2} maxlength={REVIEW_NOTE_MAX}></textarea>
                <p class="row">
                  <button type="submit" name="decision" value="valid">
                    {k.cApprove}
                  </button>
                  <button type="submit" name="decision" value="invalid" class="danger">
                    {k.cReject}
                  </button>
                </p>
              </fieldset>
            </form>
          )}
          <p class="row">
            {before ? <a href={query({})}>{k.cNewest}</a> : null}
            {lastRow ? <a href={query({ before: `${lastRow.reportedAt.getTime()}.${lastRow.id}` })}>{k.cOlder} →</a> : null}
          </p>
        </section>
      </>,
      { notice },
    );
  });

  r.post('/campaigns/:id/posts/review', async (c) => {
    const campaign = await campaignOf(c);
    if (!campaign) return back(c, '/console/campaigns', { err: 'c_not_found' });
    const body = await c.req.parseBody({ all: true });
    const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
    const backRaw = first(body.back);
    const prefix = `/console/campaigns/${campaign.id}/posts`;
    const to = typeof backRaw === 'string' && (backRaw === prefix || backRaw.startsWith(`${prefix}?`)) && !backRaw.includes('\\') ? backRaw : prefix;
    const decision = first(body.decision);
    if (decision !== 'valid' && decision !== 'invalid') return back(c, to, { err: 'c_review_bad_decision' });
    const only = c.req.query('only');
    const ids = only !== undefined ? [only] : ([] as unknown[]).concat(body.id ?? []);
    const postIds = ids.filter((x): x is string => typeof x === 'string' && /^\d{1,12}$/.test(x)).map(Number);
    const res = await reviewPosts(core, {
      campaignId: campaign.id,
      postIds,
      status: decision,
      note: field({ note: first(body.note) }, 'note'),
      actorMemberId: c.get('session').member.id,
      via: 'console',
      now: clock.now(),
    });
    if (!res.ok) return back(c, to, { err: `c_review_${res.reason}` });
    return back(c, to, { ok: 'c_reviewed', n: `${res.changed.length}-${decision}` });
  });
}
