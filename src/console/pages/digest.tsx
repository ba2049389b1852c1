// Điểm tin: a day's articles (add, edit, reorder with up/down buttons, remove), the feeds'
// candidates to pick, the preview as Telegram and Zalo will show it, "send now" after a
// confirmation, and past digests with picks per article and delivery outcomes. The same
// use-cases and queries as /them and the admin API (addArticle, reorderArticles, queueDigest).
import type { Hono } from 'hono';
import { deleteArticle, findArticle, listArticles, reorderArticles, updateArticle } from '../../../db/queries/articles';
import { pastDigests } from '../../../db/queries/console';
import { deliveryCounts, feedCandidatesByIds, findDigest, listFeedCandidates, pickCounts } from '../../../db/queries/digests';
import { messagesFor } from '../../i18n';
import type { AppDeps } from '../../http/app-deps';
import { buildDigestMessage, DIGEST_MAX_ARTICLES } from '../../core/features/digest/message';
import { isoToDisplayDate, localDate } from '../../core/time';
import { addArticle, cleanTitle, IsoDateSchema, OUTLET_MAX } from '../../core/use-cases/add-article';
import { countAudience } from '../../core/use-cases/announcement-audience';
import { digestArticles, digestRef, nextDigestDate, queueDigest } from '../../core/use-cases/queue-digest';
import { digestTotals } from '../../core/use-cases/summarise-digests';
import { audit, back, field, noticeOf, render, type CCtx, type ConsoleEnv } from '../context';
import { MessagePreview } from '../preview';
import { DigestOutcome } from './overview';

const CANDIDATES_MAX_AGE_MS = 3 * 24 * 3600_000;

export function digestPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;
  const today = () => localDate(clock.now(), env.TIMEZONE);
  const dateOf = (v: unknown) => (typeof v === 'string' && IsoDateSchema.safeParse(v).success ? v : today());
  const dayUrl = (date: string) => `/console/digest?date=${date}`;

  r.get('/digest', async (c) => {
    const w = c.get('w');
    // Without a day: the one a new article would go to (today, or tomorrow once today's went out).
    const asked = c.req.query('date');
    const date = asked !== undefined && IsoDateSchema.safeParse(asked).success ? asked : await nextDigestDate(core, clock.now());
    const [list, digest, candidates, picks, past] = await Promise.all([
      listArticles(db, date),
      findDigest(db, date),
      listFeedCandidates(db, { since: new Date(clock.now().getTime() - CANDIDATES_MAX_AGE_MS), limit: 10 }),
      pickCounts(db, date),
      pastDigests(db, 10),
    ]);
    const taken = new Set(list.map((a) => a.urlKey));
    const pastRows = await Promise.all(past.map(async (d) => ({ d, totals: digestTotals(await deliveryCounts(db, digestRef(d.date))) })));
    return render(
      c,
      w.dgTitle(isoToDisplayDate(date)),
      'digest',
      <>
        <form method="get" action="/console/digest" class="row">
          <label for="day">{w.dgChooseDay}</label>
          <input id="day" type="date" name="date" value={date} />
          <button type="submit" class="secondary">
            {w.dgShow}
          </button>
        </form>
        <div class="grid">
          <section class="card" aria-labelledby="h-list">
            <h2 id="h-list">{w.dgArticles}</h2>
            {digest?.status === 'queued' ? <p class="muted">{w.dgAlreadySent}</p> : null}
            {list.length === 0 ? <p>{w.none}</p> : null}
            {list.length > DIGEST_MAX_ARTICLES ? <p class="muted">{w.dgOverLimit(DIGEST_MAX_ARTICLES)}</p> : null}
            {list.length > 1 ? <p class="hint js-only">{w.dgDragHint}</p> : null}
            <ol class="articles" data-reorder="/console/digest/reorder" data-date={date}>
              {list.map((a, i) => (
                <li data-article={a.id}>
                  <div>
                    {list.length > 1 ? (
                      <span class="drag-handle" aria-hidden="true" title={w.dgDragHint}>
                        ⠿
                      </span>
                    ) : null}
                    <span>{i + 1}. </span>
                    <a class="title" href={a.url} rel="noopener noreferrer">
                      {a.title}
                    </a>
                  </div>
                  <div class="muted">
                    {a.outlet}
                    {picks.get(a.id) ? ` · ${w.dgPicks}: ${picks.get(a.id)!.members}` : ''}
                  </div>
                  <div class="row">
                    <form method="post" action={`/console/digest/articles/${a.id}/move`} class="inline">
                      <input type="hidden" name="dir" value="up" />
                      <button type="submit" class="secondary" disabled={i === 0} aria-label={`${w.up}: ${a.title}`}>
                        ↑ {w.up}
                      </button>
                    </form>
                    <form method="post" action={`/console/digest/articles/${a.id}/move`} class="inline">
                      <input type="hidden" name="dir" value="down" />
                      <button type="submit" class="secondary" disabled={i === list.length - 1} aria-label={`${w.down}: ${a.title}`}>
                        ↓ {w.down}
                      </button>
                    </form>
                    <form method="post" action={`/console/digest/articles/${a.id}/delete`} class="inline">
                      <button type="submit" class="danger" aria-label={`${w.dgRemoveConfirm}: ${a.title}`}>
                        {w.remove}
                      </button>
                    </form>
                  </div>
                  <details>
                    <summary>{w.dgEdit}</summary>
                    <form method="post" action={`/console/digest/articles/${a.id}`}>
                      <label for={`t${a.id}`}>{w.dgArticleTitle}</label>
                      <input id={`t${a.id}`} type="text" name="title" value={a.title} required />
                      <label for={`o${a.id}`}>{w.dgOutlet}</label>
                      <input id={`o${a.id}`} type="text" name="outlet" value={a.outlet} maxlength={OUTLET_MAX} />
                      <p>
                        <button type="submit">{w.save}</button>
                      </p>
                    </form>
                  </details>
                </li>
              ))}
            </ol>
            {list.length ? (
              <p class="row">
                <a class="button secondary" href={`/console/digest/preview?date=${date}`}>
                  {w.dgPreview}
                </a>
                <a class="button" href={`/console/digest/send?date=${date}`}>
                  {w.dgSendNow}
                </a>
              </p>
            ) : null}
          </section>
          <section class="card" aria-labelledby="h-add">
            <h2 id="h-add">{w.dgAdd}</h2>
            <form method="post" action="/console/digest/articles">
              <input type="hidden" name="date" value={date} />
              <label for="url">{w.dgUrl}</label>
              <input id="url" type="url" name="url" required inputmode="url" placeholder="https://" />
              <label for="title">{w.dgArticleTitle}</label>
              <input id="title" type="text" name="title" required />
              <label for="outlet">{w.dgOutlet}</label>
              <input id="outlet" type="text" name="outlet" maxlength={OUTLET_MAX} />
              <p>
                <button type="submit">{w.dgAdd}</button>
              </p>
            </form>
            <h2>{w.dgCandidates}</h2>
            {candidates.length === 0 ? (
              <p class="muted">{w.dgNoCandidates}</p>
            ) : (
              <ul>
                {candidates.map((k) => (
                  <li>
                    <a href={k.url} rel="noopener noreferrer">
                      {k.title}
                    </a>{' '}
                    <span class="muted">({k.outlet})</span>{' '}
                    {taken.has(k.urlKey) ? (
                      <span class="muted">{w.dgTaken}</span>
                    ) : (
                      <form method="post" action={`/console/digest/candidates/${k.id}/pick`} class="inline">
                        <input type="hidden" name="date" value={date} />
                        <button type="submit" class="secondary" aria-label={`${w.dgPick}: ${k.title}`}>
                          {w.dgPick}
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <section class="card" aria-labelledby="h-past">
          <h2 id="h-past">{w.dgPast}</h2>
          {pastRows.length === 0 ? <p>{w.none}</p> : null}
          {pastRows.map(({ d, totals }) => (
            <details>
              <summary>
                {isoToDisplayDate(d.date)} · {w.ovSent}: {totals.sent.telegram + totals.sent.zalo} / {totals.total}
              </summary>
              <p>
                <a href={dayUrl(d.date)}>{w.dgTitle(isoToDisplayDate(d.date))}</a>
              </p>
              <DigestOutcome w={w} totals={totals} />
            </details>
          ))}
        </section>
      </>,
      { notice: noticeOf(c) },
    );
  });

  r.post('/digest/articles', async (c) => {
    const body = await c.req.parseBody();
    const date = dateOf(body.date);
    const res = await addArticle(
      core,
      { url: field(body, 'url').slice(0, 2048) || ' ', title: field(body, 'title'), outlet: field(body, 'outlet') || undefined, date },
      { source: 'api', memberId: c.get('session').member.id },
    ).catch(() => ({ ok: false as const, reason: 'invalid_title' as const, message: '' }));
    if (!res.ok) return back(c, dayUrl(date), { err: res.reason === 'duplicate' ? 'duplicate' : res.reason === 'invalid_url' ? 'bad_url' : 'bad_title' });
    await audit(deps, c, 'article_added', { articleId: res.article.id, date });
    return back(c, dayUrl(date), { ok: 'saved' });
  });

  r.post('/digest/candidates/:id/pick', async (c) => {
    const body = await c.req.parseBody();
    const date = dateOf(body.date);
    const [k] = await feedCandidatesByIds(db, [Number(c.req.param('id')) || 0]);
    if (!k) return back(c, dayUrl(date), { err: 'bad_url' });
    const res = await addArticle(core, { url: k.url, title: k.title, outlet: k.outlet, date }, { source: 'feed', memberId: c.get('session').member.id });
    if (!res.ok) return back(c, dayUrl(date), { err: res.reason === 'duplicate' ? 'duplicate' : 'bad_title' });
    await audit(deps, c, 'article_added', { articleId: res.article.id, date, candidateId: k.id });
    return back(c, dayUrl(date), { ok: 'saved' });
  });

  const article = async (c: CCtx) => findArticle(db, Number(c.req.param('id')) || 0);

  r.post('/digest/articles/:id', async (c) => {
    const a = await article(c);
    if (!a) return back(c, '/console/digest');
    const body = await c.req.parseBody();
    const title = cleanTitle(field(body, 'title'));
    if (!title) return back(c, dayUrl(a.digestDate), { err: 'bad_title' });
    const outlet = field(body, 'outlet').normalize('NFC').slice(0, OUTLET_MAX) || a.outlet;
    await updateArticle(db, a.id, { title, outlet });
    await audit(deps, c, 'article_edited', { articleId: a.id, date: a.digestDate });
    return back(c, dayUrl(a.digestDate), { ok: 'saved' });
  });

  r.post('/digest/articles/:id/move', async (c) => {
    const a = await article(c);
    if (!a) return back(c, '/console/digest');
    const body = await c.req.parseBody();
    const ids = (await listArticles(db, a.digestDate)).map((x) => x.id);
    const i = ids.indexOf(a.id);
    const j = body.dir === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < ids.length) {
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
      await reorderArticles(db, a.digestDate, ids);
      await audit(deps, c, 'article_moved', { articleId: a.id, date: a.digestDate, to: j + 1 });
    }
    return back(c, dayUrl(a.digestDate), { ok: 'saved' });
  });

  // Drag to reorder (console.js): the whole new order at once. Only a permutation of the day's
  // articles is accepted; anything else leaves the order as it was.
  r.post('/digest/reorder', async (c) => {
    const body = await c.req.parseBody();
    const date = dateOf(body.date);
    const current = (await listArticles(db, date)).map((x) => x.id);
    const ids = field(body, 'ids')
      .split(',')
      .map((x) => Number(x.trim()));
    const same = ids.length === current.length && [...ids].sort((a, b) => a - b).join(',') === [...current].sort((a, b) => a - b).join(',');
    if (!same) return back(c, dayUrl(date), { err: 'reorder' });
    if (ids.join(',') !== current.join(',')) {
      await reorderArticles(db, date, ids);
      await audit(deps, c, 'articles_reordered', { date, ids });
    }
    return back(c, dayUrl(date), { ok: 'saved' });
  });

  r.post('/digest/articles/:id/delete', async (c) => {
    const a = await article(c);
    if (!a) return back(c, '/console/digest');
    await deleteArticle(db, a.id);
    await audit(deps, c, 'article_removed', { articleId: a.id, date: a.digestDate });
    return back(c, dayUrl(a.digestDate), { ok: 'saved' });
  });

  r.get('/digest/preview', async (c) => {
    const w = c.get('w');
    const date = dateOf(c.req.query('date'));
    const items = await digestArticles(core, date);
    const message = buildDigestMessage(messagesFor(w.lang === 'en' ? 'en' : 'vi'), date, items);
    return render(
      c,
      `${w.dgPreview} · ${w.dgTitle(isoToDisplayDate(date))}`,
      'digest',
      <>
        {items.length ? <MessagePreview deps={deps} w={w} message={message} /> : <p>{w.dgEmpty}</p>}
        <p class="row">
          <a class="button secondary" href={dayUrl(date)}>
            {w.back}
          </a>
          {items.length ? (
            <a class="button" href={`/console/digest/send?date=${date}`}>
              {w.dgSendNow}
            </a>
          ) : null}
        </p>
      </>,
    );
  });

  r.get('/digest/send', async (c) => {
    const w = c.get('w');
    const date = dateOf(c.req.query('date'));
    const items = await digestArticles(core, date);
    const counts = await countAudience(db, {}, clock.now());
    return render(
      c,
      w.dgConfirmTitle(isoToDisplayDate(date)),
      'digest',
      <section class="card">
        {items.length === 0 ? (
          <p>{w.dgEmpty}</p>
        ) : (
          <>
            <p>{w.dgConfirmText(counts.members, items.length)}</p>
            <ul>
              <li>{w.anCountTelegram(counts.telegram, counts.telegramNoPrivateChat ?? 0)}</li>
              <li>{w.anCountZalo(counts.zaloReachable, counts.zaloOutsideWindow)}</li>
            </ul>
            <form method="post" action="/console/digest/send" class="row">
              <input type="hidden" name="date" value={date} />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit">{w.dgConfirmButton}</button>
              <a class="button secondary" href={dayUrl(date)}>
                {w.cancel}
              </a>
            </form>
          </>
        )}
      </section>,
    );
  });

  r.post('/digest/send', async (c) => {
    const body = await c.req.parseBody();
    const date = dateOf(body.date);
    if (body.confirm !== 'yes') return back(c, `/console/digest/send?date=${date}`);
    const res = await queueDigest(core, date, { now: clock.now(), trigger: 'api' });
    if (res.status === 'empty') return back(c, dayUrl(date), { err: 'empty' });
    await audit(deps, c, 'digest_sent', { date, queued: res.queued, skipped: res.skipped, alreadyQueued: res.alreadyQueued });
    return back(c, dayUrl(date), { ok: 'queued', n: `${res.queued}-${res.skipped}-${res.alreadyQueued}` });
  });
}
