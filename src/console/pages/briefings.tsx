// Họp báo: create (date and time in TIMEZONE; the invitation is previewed and confirmed like an
// announcement), list with RSVP counts, attendee list and CSV, cancel with the notice to those
// who said yes. The chat's use-cases: parseBriefingInput, confirmAnnouncement, cancelBriefing.
import type { Hono } from 'hono';
import { cancelOtherDraftsQuery, insertDraftAnnouncement } from '../../../db/queries/announcements';
import { answerCounts, answeredRows, countAudienceWithoutAnswer, getBriefing, insertDraftBriefing, listBriefings, silentRows, type AttendeeRow } from '../../../db/queries/briefings';
import { listMcns } from '../../../db/queries/members';
import { messagesFor } from '../../i18n';
import type { AppDeps } from '../../http/app-deps';
import { PREVIEW_TTL_MS } from '../../core/features/announcements';
import { formatDateTime, isoToDisplayDate, localDate } from '../../core/time';
import { countAudience, describeAudience } from '../../core/use-cases/announcement-audience';
import { parseBriefingInput } from '../../core/use-cases/briefing-input';
import { attendeesCsv } from '../../core/use-cases/briefing-report';
import { cancelBriefing } from '../../core/use-cases/cancel-briefing';
import { IsoDateSchema } from '../../core/use-cases/add-article';
import { randomToken } from '../auth';
import { audit, back, field, noticeOf, render, type ConsoleEnv } from '../context';
import { setSecurityHeaders } from '../security';
import { audienceFromForm, AudienceFields } from './announcements';
import { offsetMinutes } from './overview';

/** +420 → "UTC+07:00". */
export function utcOffsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
import type { ConsoleWords } from '../words';

/** Answers per page, and audience members without an answer per page, on a briefing's page. */
const ANSWERED_PAGE = 200;
const SILENT_PAGE = 100;

function AttendeeTable(props: { w: ConsoleWords; tz: string; rows: AttendeeRow[]; caption: string }) {
  const { w, tz, rows } = props;
  if (rows.length === 0) return <p>{w.none}</p>;
  return (
    <div class="table-wrap" tabindex={0}>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{w.brName2}</th>
            <th scope="col">{w.anMcn}</th>
            <th scope="col">{w.anPlatform}</th>
            <th scope="col">{w.brRsvp}</th>
            <th scope="col">{w.brAnsweredAt}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr>
              <td>{x.fullName ?? '—'}</td>
              <td>{x.mcnName ?? ''}</td>
              <td>{x.platform}</td>
              <td>{x.answer === 'yes' ? w.brYes : x.answer === 'no' ? w.brNo : w.brNoAnswer}</td>
              <td>{x.answeredAt ? formatDateTime(x.answeredAt, tz) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function briefingPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;
  const tz = env.TIMEZONE;

  r.get('/briefings', async (c) => {
    const w = c.get('w');
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const [mcns, list] = await Promise.all([listMcns(db), listBriefings(db, { limit: 30, offset: 0 })]);
    const counts = await answerCounts(
      db,
      list.map((b) => b.id),
    );
    return render(
      c,
      w.brTitle,
      'briefings',
      <div class="grid">
        <section class="card" aria-labelledby="h-create">
          <h2 id="h-create">{w.brCreate}</h2>
          <form method="post" action="/console/briefings">
            <label for="title">{w.brName}</label>
            <input id="title" type="text" name="title" required minlength={3} maxlength={200} />
            <div class="row">
              <div>
                <label for="date">{w.brDate}</label>
                <input id="date" type="text" name="date" required inputmode="numeric" placeholder="dd/mm/yyyy" pattern="\d{1,2}/\d{1,2}/\d{4}" autocomplete="off" aria-describedby="when-hint" />
              </div>
              <div>
                <label for="time">{w.brTime(tz)}</label>
                <input id="time" type="text" name="time" required inputmode="numeric" placeholder="HH:MM" pattern="\d{1,2}:\d{2}" autocomplete="off" aria-describedby="when-hint" />
              </div>
            </div>
            <p class="hint" id="when-hint" data-when-hint>
              {w.brWhenHint(tz, utcOffsetText(offsetMinutes(clock.now(), tz)), isoToDisplayDate(localDate(clock.now(), tz)))}
            </p>
            <label for="place">{w.brPlace}</label>
            <input id="place" type="text" name="place" required minlength={2} maxlength={300} />
            <AudienceFields w={w} mcns={mcns} />
            <button type="submit">{w.brCreateButton}</button>
          </form>
        </section>
        <section class="card" aria-labelledby="h-list">
          <h2 id="h-list">{w.brList}</h2>
          {list.length === 0 ? <p>{w.none}</p> : null}
          <div class="table-wrap" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{w.brName}</th>
                  <th scope="col">{w.brWhen}</th>
                  <th scope="col">{w.anState}</th>
                  <th scope="col" class="num">
                    {w.brYes}
                  </th>
                  <th scope="col" class="num">
                    {w.brNo}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((b) => {
                  const a = counts.get(b.id) ?? { yes: 0, no: 0 };
                  return (
                    <tr data-briefing={b.id}>
                      <td>
                        <a href={`/console/briefings/${b.id}`}>{b.title}</a>
                        <div class="muted">{describeAudience(t, b.audience)}</div>
                      </td>
                      <td>{formatDateTime(b.startsAt, tz)}</td>
                      <td>{w.brStatus[b.status]}</td>
                      <td class="num">{a.yes}</td>
                      <td class="num">{a.no}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </div>,
      { notice: noticeOf(c) },
    );
  });

  r.post('/briefings', async (c) => {
    const body = await c.req.parseBody();
    const date = field(body, 'date');
    const time = field(body, 'time');
    const title = field(body, 'title').replace(/\|/g, '/');
    const place = field(body, 'place');
    const now = clock.now();
    // The form asks for dd/mm/yyyy (a date picker shows the browser's own format); ISO is accepted too.
    const day = IsoDateSchema.safeParse(date).success ? isoToDisplayDate(date) : /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(date) ? date : null;
    const when = day && /^\d{1,2}:\d{2}$/.test(time) ? `${day} ${time}` : 'x';
    const input = parseBriefingInput(`${title} | ${when} | ${place}`, now, tz);
    if (!input.ok) return back(c, '/console/briefings', { err: input.error });
    const audience = await audienceFromForm(deps, body);
    if (audience === 'need_mcn') return back(c, '/console/briefings', { err: 'need_mcn' });
    const memberId = c.get('session').member.id;
    const key = `console:${randomToken()}`;
    const b = await insertDraftBriefing(db, { title: input.title, startsAt: input.startsAt, place: input.place, audience, createdByMemberId: memberId, sourceEventKey: key, createdAt: now });
    const draft = await insertDraftAnnouncement(db, {
      kind: 'briefing',
      briefingId: b.id,
      createdByMemberId: memberId,
      text: b.title,
      audience,
      previewCounts: await countAudience(db, audience, now),
      sourceEventKey: key,
      createdAt: now,
      expiresAt: new Date(now.getTime() + PREVIEW_TTL_MS),
    });
    await db.batch([cancelOtherDraftsQuery(db, memberId, draft.id, now)]);
    await audit(deps, c, 'briefing_created', { briefingId: b.id, announcementId: draft.id });
    return back(c, `/console/announcements/${draft.id}`);
  });

  r.get('/briefings/:id', async (c) => {
    const w = c.get('w');
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const b = await getBriefing(db, Number(c.req.param('id')) || 0);
    if (!b) return back(c, '/console/briefings');
    const answeredPage = Math.max(0, Math.floor(Number(c.req.query('page')) || 0));
    const after = Math.max(0, Math.floor(Number(c.req.query('after')) || 0));
    const [counts, noAnswer, answered, silent] = await Promise.all([
      answerCounts(db, [b.id]),
      countAudienceWithoutAnswer(db, b.id, b.audience),
      answeredRows(db, b.id, { limit: ANSWERED_PAGE, offset: answeredPage * ANSWERED_PAGE }),
      silentRows(db, b.id, b.audience, { afterId: after, limit: SILENT_PAGE }),
    ]);
    const { yes, no } = counts.get(b.id) ?? { yes: 0, no: 0 };
    const pageUrl = (q: Record<string, number>) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v) u.set(k, String(v));
      const qs = u.toString();
      return `/console/briefings/${b.id}${qs ? `?${qs}` : ''}`;
    };
    const cancellable = b.status !== 'cancelled' && b.startsAt.getTime() > clock.now().getTime();
    return render(
      c,
      b.title,
      'briefings',
      <>
        <section class="card">
          <p>
            {formatDateTime(b.startsAt, tz)} · {b.place} · {w.brStatus[b.status]} · {describeAudience(t, b.audience)}
          </p>
          <p>
            <strong>{w.brYes}:</strong> <span data-count="yes">{yes}</span> · <strong>{w.brNo}:</strong> <span data-count="no">{no}</span> ·{' '}
            <strong>{w.brNoAnswer}:</strong> <span data-count="none">{noAnswer}</span>
          </p>
          <p class="row">
            <a class="button secondary" href={`/console/briefings/${b.id}/attendees.csv`} download>
              {w.brCsv}
            </a>
            {cancellable ? (
              <form method="post" action={`/console/briefings/${b.id}/cancel`} class="inline">
                <input type="hidden" name="confirm" value="yes" />
                <button type="submit" class="danger">
                  {w.brCancel}
                </button>
              </form>
            ) : null}
          </p>
        </section>
        <section class="card" aria-labelledby="h-att">
          <h2 id="h-att">{w.brAttendees}</h2>
          <AttendeeTable w={w} tz={tz} rows={answered} caption={w.brAttendees} />
          <p class="row">
            {answeredPage > 0 ? <a href={pageUrl({ page: answeredPage - 1, after })}>← {w.brPrevPage}</a> : null}
            {answered.length === ANSWERED_PAGE ? <a href={pageUrl({ page: answeredPage + 1, after })}>{w.brNextPage} →</a> : null}
          </p>
        </section>
        <section class="card" aria-labelledby="h-silent">
          <h2 id="h-silent">
            {w.brNoAnswer} ({noAnswer})
          </h2>
          <p class="muted">{w.brSilentNote}</p>
          <AttendeeTable w={w} tz={tz} rows={silent} caption={w.brNoAnswer} />
          <p class="row">
            {after > 0 ? <a href={pageUrl({ page: answeredPage })}>← {w.brFirstPage}</a> : null}
            {silent.length === SILENT_PAGE ? <a href={pageUrl({ page: answeredPage, after: silent[silent.length - 1]!.memberId })}>{w.brNextPage} →</a> : null}
          </p>
        </section>
      </>,
      { notice: noticeOf(c) },
    );
  });

  r.get('/briefings/:id/attendees.csv', async (c) => {
    const file = await attendeesCsv(db, Number(c.req.param('id')) || 0, tz);
    if (!file) return back(c, '/console/briefings');
    setSecurityHeaders(c);
    return c.body(file.csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file.filename}"` });
  });

  r.post('/briefings/:id/cancel', async (c) => {
    const id = Number(c.req.param('id')) || 0;
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') return back(c, `/console/briefings/${id}`);
    // cancelBriefing writes the audit entry (briefing_cancelled) with this official.
    const res = await cancelBriefing(core, { id, actorMemberId: c.get('session').member.id, now: clock.now() });
    if (!res.ok) return back(c, `/console/briefings/${id}`, { err: res.reason });
    return back(c, `/console/briefings/${id}`, { ok: 'cancelled', n: res.notified });
  });
}
