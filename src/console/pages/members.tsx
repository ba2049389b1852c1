// Thành viên (SPEC §7): search by name, phone, member number or MCN (newest first, 20 a page);
// pending MCN leads to approve or refuse; a member's record (platforms with last activity and
// whether Loa can write to them now, role, MCN, consent, posts, briefing answers, questions) with
// the role change and stop/resume of pushes. Changes go through the use-cases the chat and the
// API use; they write the audit entries with this official's number.
import type { Hono } from 'hono';
import { listMcns } from '../../../db/queries/members';
import { findMemberById } from '../../../db/queries/members';
import { memberIdentityRows, memberQuestionThreads, memberRecentPosts, memberRsvps, searchMembers, type MemberListItem, type SearchRole } from '../../../db/queries/member-directory';
import { campaignsByIds } from '../../../db/queries/campaigns';
import { memberPostCounts } from '../../../db/queries/posts';
import { parsePhone } from '../../core/features/members/answers';
import { isInsideZaloWindow, ZALO_WINDOW_MS } from '../../core/outbox/zalo-window';
import { formatDateTime } from '../../core/time';
import { changeMemberRole } from '../../core/use-cases/grant-role';
import { setMemberPushes } from '../../core/use-cases/member-pushes';
import { decidePendingLead, listPendingLeads } from '../../core/use-cases/pending-leads';
import type { Role } from '../../core/types';
import type { AppDeps } from '../../http/app-deps';
import { randomToken } from '../auth';
import { back, field, render, type CCtx, type ConsoleEnv } from '../context';
import type { Notice } from '../layout';
import { memberWords, type MemberWords } from './members-words';

const PAGE = 20;
const ROLES: Role[] = ['creator', 'mcn_lead', 'official'];
const roleOf = (s: string | undefined): SearchRole | undefined => (ROLES.includes(s as Role) ? (s as SearchRole) : undefined);

/** The ok/err notice codes of these pages (never text from the URL). */
export function memberNotice(c: CCtx): Notice | null {
  const m = memberWords(c.get('w').lang);
  const n = (c.req.query('n') ?? '').replace(/[^\d]/g, '');
  const ok = c.req.query('ok');
  const err = c.req.query('err');
  if (ok && ok.startsWith('m_') && m.mOk[ok.slice(2)]) return { kind: 'ok', text: m.mOk[ok.slice(2)]!(n) };
  if (err && err.startsWith('m_') && m.mErr[err.slice(2)]) return { kind: 'err', text: m.mErr[err.slice(2)]! };
  return null;
}

/** What the search box holds: a member number, a phone, or words of a name. */
export function parseMemberQuery(q: string): { memberId: number } | { phone: string } | { name: string } | undefined {
  const s = q.trim();
  if (!s) return undefined;
  const id = /^#?(\d{1,9})$/.exec(s);
  if (id) return { memberId: Number(id[1]) };
  const phone = parsePhone(s);
  if (phone.ok) return { phone: phone.value };
  return { name: s.slice(0, 100) };
}

export function roleLabel(m: MemberWords, role: string, pending: boolean): string {
  return `${m.mRoles[role as Role] ?? role}${pending ? ` (${m.mPendingTag})` : ''}`;
}

function MemberTable(props: { m: MemberWords; rows: MemberListItem[]; tz: string }) {
  const { m, rows, tz } = props;
  return (
    <div class="table-wrap" tabindex={0}>
      <table data-members>
        <caption class="visually-hidden">{m.mResults}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              {m.mNumber}
            </th>
            <th scope="col">{m.mName}</th>
            <th scope="col">{m.mPhone}</th>
            <th scope="col">{m.mRole}</th>
            <th scope="col">{m.mMcn}</th>
            <th scope="col">{m.mStatus}</th>
            <th scope="col">{m.mRegistered}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-member={r.id}>
              <td class="num">{r.id}</td>
              <td>
                <a href={`/console/members/${r.id}`}>{r.fullName ?? m.mDeletedName}</a>
              </td>
              <td>{r.phone ?? '—'}</td>
              <td>{roleLabel(m, r.role, r.mcnLeadStatus === 'pending')}</td>
              <td>{r.mcnName ? `${r.mcnName} (${r.mcnCode})` : m.mIndependent}</td>
              <td>{m.mStatuses[r.status] ?? r.status}</td>
              <td>{r.registeredAt ? formatDateTime(r.registeredAt, tz) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function memberPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;
  const tz = env.TIMEZONE;

  r.get('/members', async (c) => {
    const m = memberWords(c.get('w').lang);
    const q = (c.req.query('q') ?? '').slice(0, 100);
    const mcnId = Number(c.req.query('mcn')) || undefined;
    const role = roleOf(c.req.query('role'));
    const before = Number(c.req.query('before')) || undefined;
    const [rows, mcnList, pending] = await Promise.all([
      searchMembers(db, { text: parseMemberQuery(q), mcnId, role, before, limit: PAGE + 1 }),
      listMcns(db),
      listPendingLeads(db),
    ]);
    const page = rows.slice(0, PAGE);
    const more = rows.length > PAGE ? page[page.length - 1]!.id : null;
    const link = (extra: Record<string, string | number | undefined>) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries({ q: q || undefined, mcn: mcnId, role, ...extra })) if (v !== undefined && v !== '') u.set(k, String(v));
      return `/console/members?${u.toString()}`;
    };
    return render(
      c,
      m.mTitle,
      'members',
      <>
        <section class="card" aria-labelledby="pending-h" data-pending-leads>
          <h2 id="pending-h">{m.mPending}</h2>
          {pending.length === 0 ? <p>{m.mPendingNone}</p> : null}
          <ul class="plain">
            {pending.map((p) => (
              <li data-pending={p.memberId} class="row">
                <a href={`/console/members/${p.memberId}`}>{m.mPendingLine(p.fullName ?? m.mDeletedName, p.memberId, p.mcnName, p.mcnCode)}</a>
                <LeadDecisionForms m={m} memberId={p.memberId} backTo="/console/members" />
              </li>
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="search-h">
          <h2 id="search-h">{m.mSearch}</h2>
          <form method="get" action="/console/members" role="search">
            <label for="q">{m.mQuery}</label>
            <input type="text" id="q" name="q" value={q} maxlength={100} aria-describedby="q-hint" autocomplete="off" />
            <p class="muted" id="q-hint">
              {m.mQueryHint}
            </p>
            <div class="row">
              <div>
                <label for="mcn">{m.mMcn}</label>
                <select id="mcn" name="mcn">
                  <option value="">{m.mAnyMcn}</option>
                  {mcnList.map((x) => (
                    <option value={String(x.id)} selected={x.id === mcnId}>{`${x.name} (${x.code})`}</option>
                  ))}
                </select>
              </div>
              <div>
                <label for="role">{m.mRole}</label>
                <select id="role" name="role">
                  <option value="">{m.mAnyRole}</option>
                  {ROLES.map((x) => (
                    <option value={x} selected={x === role}>
                      {m.mRoles[x]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p>
              <button type="submit">{m.mFind}</button>
            </p>
          </form>
        </section>
        <section class="card" aria-labelledby="results-h">
          <h2 id="results-h">{m.mResults}</h2>
          {page.length === 0 ? <p>{m.mNone}</p> : <MemberTable m={m} rows={page} tz={tz} />}
          <p class="row">
            {before ? (
              <a class="button secondary" href={link({})}>
                {m.mFirst}
              </a>
            ) : null}
            {more ? (
              <a class="button secondary" href={link({ before: more })} rel="next">
                {m.mNext}
              </a>
            ) : null}
          </p>
        </section>
      </>,
      { notice: memberNotice(c) },
    );
  });

  r.get('/members/:id{[0-9]+}', async (c) => {
    const w = c.get('w');
    const m = memberWords(w.lang);
    const id = Number(c.req.param('id'));
    const member = await findMemberById(db, id);
    if (!member || member.status === 'deleted' || (!member.registeredAt && member.role !== 'official')) {
      return render(c, m.mNotFound, 'members', <p><a href="/console/members">{m.mBackToList}</a></p>, { status: 404 });
    }
    const now = clock.now();
    const [identities, recent, perCampaign, rsvps, mcnList] = await Promise.all([
      memberIdentityRows(db, id),
      memberRecentPosts(db, id, 20),
      memberPostCounts(db, id),
      memberRsvps(db, id, 20),
      listMcns(db),
    ]);
    const threads = await memberQuestionThreads(
      db,
      identities.map((i) => i.id),
    );
    const campaignNames = await campaignsByIds(
      db,
      perCampaign.map((p) => p.campaignId),
    );
    const mcn = member.mcnId != null ? mcnList.find((x) => x.id === member.mcnId) : undefined;
    const pending = member.role === 'mcn_lead' && member.mcnLeadStatus === 'pending';
    const reach = (i: (typeof identities)[number]): { ok: boolean; text: string } => {
      if (i.unfollowedAt) return { ok: false, text: m.mReachBlocked };
      if (i.platform === 'telegram') return i.privateChatAt ? { ok: true, text: m.mReachYes } : { ok: false, text: m.mReachTelegramNo };
      if (!isInsideZaloWindow(i.lastInboundAt, now)) return { ok: false, text: m.mReachZaloNo };
      const left = Math.max(0, Math.ceil((i.lastInboundAt!.getTime() + ZALO_WINDOW_MS - now.getTime()) / 86_400_000));
      return { ok: true, text: m.mReachZaloYes(left) };
    };
    const here = `/console/members/${id}`;
    return render(
      c,
      `${m.mMemberTitle(id)} · ${member.fullName ?? m.mDeletedName}`,
      'members',
      <>
        <p>
          <a href="/console/members">{m.mBackToList}</a>
        </p>
        <div class="grid">
          <section class="card" aria-labelledby="profile-h" data-profile>
            <h2 id="profile-h">{m.mProfile}</h2>
            <dl class="facts">
              <dt>{m.mName}</dt>
              <dd>{member.fullName ?? '—'}</dd>
              <dt>{m.mPhone}</dt>
              <dd>{member.phone ?? '—'}</dd>
              <dt>{m.mRole}</dt>
              <dd data-role={member.role}>{roleLabel(m, member.role, pending)}</dd>
              <dt>{m.mMcn}</dt>
              <dd data-mcn={member.mcnId ?? ''}>{mcn ? `${mcn.name} (${mcn.code})` : m.mIndependent}</dd>
              <dt>{m.mRegistered}</dt>
              <dd>{member.registeredAt ? formatDateTime(member.registeredAt, tz) : '—'}</dd>
              <dt>{m.mConsent}</dt>
              <dd>{member.consentAt ? m.mConsentAt(formatDateTime(member.consentAt, tz), member.consentVersion ?? '—') : m.mNoConsent}</dd>
              <dt>{m.mLang}</dt>
              <dd>{m.mLangs[member.lang] ?? member.lang}</dd>
              <dt>{m.mStatus}</dt>
              <dd data-status={member.status}>{m.mStatuses[member.status] ?? member.status}</dd>
              {member.channelLinks?.length ? (
                <>
                  <dt>{m.mChannels}</dt>
                  <dd>
                    <ul class="plain">
                      {member.channelLinks.map((l) => (
                        <li class="url">{l}</li>
                      ))}
                    </ul>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
          <section class="card" aria-labelledby="platforms-h" data-platforms>
            <h2 id="platforms-h">{m.mPlatforms}</h2>
            {identities.length === 0 ? <p>{m.mNoPlatforms}</p> : null}
            {identities.length ? (
              <div class="table-wrap" tabindex={0}>
                <table>
                  <caption class="visually-hidden">{m.mPlatforms}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.mPlatform}</th>
                      <th scope="col">{m.mLastActivity}</th>
                      <th scope="col">{m.mReach}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {identities.map((i) => {
                      const x = reach(i);
                      return (
                        <tr data-platform={i.platform} data-reachable={x.ok ? 'yes' : 'no'}>
                          <td>{i.platform === 'zalo' ? w.zalo : w.telegram}</td>
                          <td>{i.lastInboundAt ? formatDateTime(i.lastInboundAt, tz) : m.mNever}</td>
                          <td>{x.text}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            ) : null}
            {member.status === 'stopped' ? <p class="muted">{m.mStoppedNote}</p> : null}
          </section>
        </div>
        <div class="grid">
          <section class="card" aria-labelledby="role-h" data-role-form>
            <h2 id="role-h">{m.mRoleTitle}</h2>
            <p>{m.mRoleNow(roleLabel(m, member.role, pending), mcn ? mcn.name : null)}</p>
            {pending ? <LeadDecisionForms m={m} memberId={id} backTo={here} /> : null}
            <form method="post" action={`/console/members/${id}/role`}>
              <label for="new-role">{m.mNewRole}</label>
              <select id="new-role" name="role" required>
                {ROLES.map((x) => (
                  <option value={x} selected={x === member.role}>
                    {m.mRoles[x]}
                  </option>
                ))}
              </select>
              <label for="role-mcn">{m.mRoleMcn}</label>
              <select id="role-mcn" name="mcn">
                <option value="keep">{m.mKeepMcn}</option>
                <option value="none">{m.mNoMcn}</option>
                {mcnList.map((x) => (
                  <option value={String(x.id)}>{`${x.name} (${x.code})`}</option>
                ))}
              </select>
              <p class="muted">{m.mRoleHint}</p>
              <button type="submit">{m.mChangeRole}</button>
            </form>
          </section>
          <section class="card" aria-labelledby="pushes-h">
            <h2 id="pushes-h">{m.mPushes}</h2>
            <p>{m.mStatuses[member.status] ?? member.status}</p>
            <form method="post" action={`/console/members/${id}/pushes`}>
              <input type="hidden" name="action" value={member.status === 'stopped' ? 'resume' : 'stop'} />
              <button type="submit" class={member.status === 'stopped' ? '' : 'secondary'}>
                {member.status === 'stopped' ? m.mResume : m.mStop}
              </button>
            </form>
          </section>
        </div>
        <section class="card" aria-labelledby="posts-h" data-posts>
          <h2 id="posts-h">{m.mPosts}</h2>
          {perCampaign.length === 0 ? <p>{m.mNoPosts}</p> : null}
          {perCampaign.length ? (
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption>{m.mPostsPerCampaign}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.mCampaign}</th>
                    <th scope="col" class="num">
                      {m.mTotal}
                    </th>
                    <th scope="col" class="num">
                      {m.mValid}
                    </th>
                    <th scope="col" class="num">
                      {m.mInvalid}
                    </th>
                    <th scope="col" class="num">
                      {m.mPendingPosts}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {perCampaign
                    .sort((a, b) => b.campaignId - a.campaignId)
                    .map((p) => (
                      <tr>
                        <td>{campaignNames.get(p.campaignId)?.name ?? m.mNoCampaign}</td>
                        <td class="num">{p.total}</td>
                        <td class="num">{p.valid}</td>
                        <td class="num">{p.invalid}</td>
                        <td class="num">{p.pending}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {recent.length ? (
            <div class="table-wrap" tabindex={0}>
              <table>
                <caption>{m.mLatestPosts}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.mLink}</th>
                    <th scope="col">{m.mCampaign}</th>
                    <th scope="col">{m.mReportedAt}</th>
                    <th scope="col">{m.mStatus}</th>
                  </tr>
                </thead>
                <tbody>
                  {recent.map((p) => (
                    <tr>
                      <td class="url">
                        <a href={p.url} rel="noopener noreferrer" target="_blank">
                          {p.url}
                        </a>
                      </td>
                      <td>{p.campaignName ?? m.mNoCampaign}</td>
                      <td>{formatDateTime(p.reportedAt, tz)}</td>
                      <td>{m.mPostStatus[p.status] ?? p.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
        <div class="grid">
          <section class="card" aria-labelledby="rsvps-h">
            <h2 id="rsvps-h">{m.mRsvps}</h2>
            {rsvps.length === 0 ? (
              <p>{m.mNoRsvps}</p>
            ) : (
              <ul class="plain">
                {rsvps.map((x) => (
                  <li>
                    <a href={`/console/briefings/${x.briefingId}`}>{x.title}</a> · {formatDateTime(x.startsAt, tz)} · <strong>{m.mAnswers[x.answer] ?? x.answer}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="questions-h">
            <h2 id="questions-h">{m.mQuestions}</h2>
            {threads.length === 0 ? (
              <p>{m.mNoQuestions}</p>
            ) : (
              <ul class="plain">
                {threads.map((t) => (
                  <li>
                    <a href={`/console/questions?status=${t.status}#q-${t.id}`}>{`${m.mQuestion} ${t.id}`}</a> · {t.platform === 'zalo' ? w.zalo : w.telegram} ·{' '}
                    {m.mQuestionStatus[t.status] ?? t.status} · {formatDateTime(t.lastMessageAt, tz)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </>,
      { notice: memberNotice(c) },
    );
  });

  r.post('/members/:id{[0-9]+}/role', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const role = roleOf(field(body, 'role'));
    const to = `/console/members/${id}`;
    if (!role) return back(c, to, { err: 'm_bad_role' });
    const mcnField = field(body, 'mcn');
    const mcnId = mcnField === 'none' ? null : /^\d{1,9}$/.test(mcnField) ? Number(mcnField) : undefined;
    const res = await changeMemberRole(core, {
      actorMemberId: c.get('session').member.id,
      target: { memberId: id },
      role,
      mcnId,
      now: clock.now(),
      via: 'console',
      sourceKey: `console:${randomToken()}`,
    });
    if (!res.ok) return back(c, to, { err: `m_${res.reason}` });
    return back(c, to, { ok: 'm_role', n: id });
  });

  r.post('/members/:id{[0-9]+}/pushes', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const stop = field(body, 'action') === 'stop';
    const res = await setMemberPushes(core, { actorMemberId: c.get('session').member.id, memberId: id, stop, now: clock.now(), via: 'console' });
    const to = `/console/members/${id}`;
    if (!res.ok) return back(c, to, { err: res.reason === 'already' ? 'm_push_already' : `m_${res.reason}` });
    return back(c, to, { ok: stop ? 'm_stopped' : 'm_resumed', n: id });
  });

  r.post('/members/:id{[0-9]+}/lead', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const backTo = field(body, 'back');
    const to = /^\/console\/members(?:\/\d{1,9})?$/.test(backTo) ? backTo : '/console/members';
    const approve = field(body, 'decision') === 'approve';
    const res = await decidePendingLead(core, { actorMemberId: c.get('session').member.id, memberId: id, approve, now: clock.now(), via: 'console' });
    if (!res.ok) return back(c, to, { err: `m_${res.reason}` });
    return back(c, to, { ok: approve ? 'm_approved' : 'm_refused', n: id });
  });
}

function LeadDecisionForms(props: { m: MemberWords; memberId: number; backTo: string }) {
  const { m, memberId, backTo } = props;
  return (
    <span class="row">
      <form method="post" action={`/console/members/${memberId}/lead`} class="inline">
        <input type="hidden" name="decision" value="approve" />
        <input type="hidden" name="back" value={backTo} />
        <button type="submit" aria-label={m.mApproveLabel(memberId)}>
          {m.mApprove}
        </button>
      </form>
      <form method="post" action={`/console/members/${memberId}/lead`} class="inline">
        <input type="hidden" name="decision" value="refuse" />
        <input type="hidden" name="back" value={backTo} />
        <button type="submit" class="secondary" aria-label={m.mRefuseLabel(memberId)}>
          {m.mRefuse}
        </button>
      </form>
    </span>
  );
}
