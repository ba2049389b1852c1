// Tổng quan: members per platform, role and MCN; registrations per day (30 days: a chart and its
// table); the latest digest's outcomes; upcoming briefings with answers; running campaigns.
import type { Hono } from 'hono';
import { answerCounts, upcomingBriefings } from '../../../db/queries/briefings';
import { runningCampaigns } from '../../../db/queries/campaigns';
import { countCampaignPosts } from '../../../db/queries/posts';
import { membersPerMcn, membersPerPlatform, membersPerRole } from '../../../db/queries/audience-counts';
import { lastQueuedDigest, registrationsPerDay } from '../../../db/queries/console';
import { deliveryCounts } from '../../../db/queries/digests';
import type { AppDeps } from '../../http/app-deps';
import { formatDateTime, isoToDisplayDate, localDate, localTime } from '../../core/time';
import { digestRef } from '../../core/use-cases/queue-digest';
import { digestTotals, type DigestTotals } from '../../core/use-cases/summarise-digests';
import { BarChart, PercentLineChart } from '../chart';
import { zaloReachByDigest } from '../../core/use-cases/zalo-reach';
import { noticeOf, render, type ConsoleEnv } from '../context';
import { CountTable } from '../layout';
import type { ConsoleWords } from '../words';
import { waitingStats } from '../../../db/queries/questions';
import { messagesFor } from '../../i18n';
import { ageText } from '../../core/use-cases/questions';
import { questionWords } from './questions-words';

const DAY_MS = 24 * 3600_000;

/** The zone's offset from UTC at an instant, in minutes. */
export function offsetMinutes(at: Date, timeZone: string): number {
  const [y, m, d] = localDate(at, timeZone).split('-').map(Number) as [number, number, number];
  const [hh, mm] = localTime(at, timeZone).split(':').map(Number) as [number, number];
  return Math.round((Date.UTC(y, m - 1, d, hh, mm) - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

export function DigestOutcome(props: { w: ConsoleWords; totals: DigestTotals }) {
  const { w, totals } = props;
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const rows: [string, number][] = [
    [`${w.ovSent} · ${w.telegram}`, totals.sent.telegram],
    [`${w.ovSent} · ${w.zalo}`, totals.sent.zalo],
    [w.ovSkipped, sum(totals.skipped)],
    ...[...totals.skipped].map(([k, n]): [string, number] => [`— ${w.reasons[k] ?? k}`, n]),
    [w.ovFailed, sum(totals.failed)],
    ...[...totals.failed].map(([k, n]): [string, number] => [`— ${w.reasons[k] ?? k}`, n]),
  ];
  if (totals.unfinished) rows.push([w.ovUnfinished, totals.unfinished]);
  rows.push([w.total, totals.total]);
  return <CountTable caption={w.ovLastDigest} head={['', w.count]} rows={rows} />;
}

export function overviewPage(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { db, env, clock } = deps.core;
  r.get('/', async (c) => {
    const w = c.get('w');
    const now = clock.now();
    const tz = env.TIMEZONE;
    const today = localDate(now, tz);
    const since = new Date(now.getTime() - 30 * DAY_MS);
    const [roles, platforms, perMcn, regs, last, upcoming, campaigns, waiting] = await Promise.all([
      membersPerRole(db),
      membersPerPlatform(db),
      membersPerMcn(db, 15),
      registrationsPerDay(db, since, offsetMinutes(now, tz)),
      lastQueuedDigest(db, today),
      upcomingBriefings(db, now, 5),
      runningCampaigns(db, today),
      waitingStats(db),
    ]);
    const qw = questionWords(w.lang);
    const oldestAge = waiting.oldest ? ageText(messagesFor(w.lang === 'en' ? 'en' : 'vi'), now.getTime() - waiting.oldest.getTime()) : null;
    const days: { label: string; iso: string; value: number }[] = [];
    for (let i = 29; i >= 0; i--) {
      const iso = localDate(new Date(now.getTime() - i * DAY_MS), tz);
      days.push({ iso, label: isoToDisplayDate(iso).slice(0, 5), value: regs.get(iso) ?? 0 });
    }
    const totalRegs = days.reduce((a, d) => a + d.value, 0);
    const reachByDay = await zaloReachByDigest(db, days.map((d) => d.iso));
    const reachDays = days.map((d) => {
      const r = reachByDay.get(d.iso);
      const all = r ? r.reached + r.outsideWindow : 0;
      return { iso: d.iso, label: d.label, reached: r?.reached ?? 0, outside: r?.outsideWindow ?? 0, value: all > 0 ? Math.round((r!.reached / all) * 100) : null };
    });
    const reachRows = reachDays.filter((d) => d.value != null);
    const totals = last ? digestTotals(await deliveryCounts(db, digestRef(last.date))) : null;
    const rsvp = await answerCounts(
      db,
      upcoming.map((b) => b.id),
    );
    const running = await Promise.all(campaigns.map(async (k) => ({ ...k, postCount: await countCampaignPosts(db, k.id) })));
    return render(
      c,
      w.nav.overview,
      'overview',
      <>
        <div class="grid">
          <section class="card" aria-labelledby="h-members">
            <h2 id="h-members">{w.ovMembers}</h2>
            <h3>{w.ovPerPlatform}</h3>
            <CountTable caption={w.ovPerPlatform} head={[w.ovPerPlatform, w.count]} rows={platforms.map((p) => [p.platform === 'zalo' ? w.zalo : w.telegram, p.n])} />
            <h3>{w.ovPerRole}</h3>
            <CountTable caption={w.ovPerRole} head={[w.ovPerRole, w.count]} rows={roles.map((x) => [w.roles[x.role] ?? x.role, x.n])} />
            <h3>{w.ovPerMcn}</h3>
            <CountTable
              caption={w.ovPerMcn}
              head={[w.ovPerMcn, w.count]}
              rows={perMcn.map((m) => [m.mcnId == null ? w.independent : `${m.name ?? '?'} (${m.code ?? m.mcnId})`, m.n])}
            />
          </section>
          <section class="card" aria-labelledby="h-regs">
            <h2 id="h-regs">{w.ovRegistrations}</h2>
            <BarChart data={days} label={w.ovChartLabel(totalRegs)} />
            <details>
              <summary>{w.ovRegTable}</summary>
              <CountTable caption={w.ovRegTable} head={[w.date, w.count]} rows={days.map((d) => [isoToDisplayDate(d.iso), d.value])} />
            </details>
          </section>
          <section class="card" aria-labelledby="h-digest">
            <h2 id="h-digest">
              {w.ovLastDigest}
              {last ? ` · ${isoToDisplayDate(last.date)}` : ''}
            </h2>
            {totals ? <DigestOutcome w={w} totals={totals} /> : <p>{w.ovNoDigest}</p>}
          </section>
          <section class="card" aria-labelledby="h-zalo-reach">
            <h2 id="h-zalo-reach">{w.ovZaloReach}</h2>
            <p class="muted">{w.ovZaloReachNote}</p>
            {reachRows.length === 0 ? (
              <p>{w.ovZaloNone}</p>
            ) : (
              <>
                <PercentLineChart data={reachDays} label={w.ovZaloReachLabel(`${reachRows.at(-1)!.value} %`)} />
                <details>
                  <summary>{w.ovZaloReachTable}</summary>
                  <div class="table-wrap" tabindex={0}>
                    <table>
                      <caption class="visually-hidden">{w.ovZaloReachTable}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{w.date}</th>
                          <th scope="col" class="num">{w.ovZaloReached}</th>
                          <th scope="col" class="num">{w.ovZaloOutside}</th>
                          <th scope="col" class="num">{w.ovZaloShare}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {reachRows.map((d) => (
                          <tr data-reach-day={d.iso}>
                            <td>{isoToDisplayDate(d.iso)}</td>
                            <td class="num">{d.reached}</td>
                            <td class="num">{d.outside}</td>
                            <td class="num">{d.value} %</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              </>
            )}
          </section>
          <section class="card" aria-labelledby="h-brief">
            <h2 id="h-brief">{w.ovUpcoming}</h2>
            {upcoming.length === 0 ? (
              <p>{w.none}</p>
            ) : (
              <ul>
                {upcoming.map((b) => {
                  const a = rsvp.get(b.id) ?? { yes: 0, no: 0 };
                  return (
                    <li>
                      <a href={`/console/briefings/${b.id}`}>{b.title}</a> · {formatDateTime(b.startsAt, tz)} · {w.brYes}: {a.yes} · {w.brNo}: {a.no}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="h-questions">
            <h2 id="h-questions">{qw.ovQuestions}</h2>
            <p data-overview="questions">{qw.ovQuestionsLine(waiting.open, oldestAge)}</p>
            <p>
              <a href="/console/questions">{qw.ovQuestionsLink}</a>
            </p>
          </section>
          <section class="card" aria-labelledby="h-camp">
            <h2 id="h-camp">{w.ovCampaigns}</h2>
            {running.length === 0 ? (
              <p>{w.none}</p>
            ) : (
              <CountTable
                caption={w.ovCampaigns}
                head={[w.ovCampaigns, w.ovPosts]}
                rows={running.map((k) => [`${k.name} ${k.hashtags.join(' ')} (${isoToDisplayDate(k.startsOn)}–${isoToDisplayDate(k.endsOn)})`, k.postCount])}
              />
            )}
          </section>
        </div>
      </>,
      { notice: noticeOf(c) },
    );
  });
}
