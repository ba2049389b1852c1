// MCN (SPEC §7): every MCN with its leads (pending ones marked), its creators and its posts in the
// latest campaigns; merging two MCNs that are the same company (a preview with what moves, then a
// confirmation), through the mergeMcns use-case (one batch, audited).
import type { Hono } from 'hono';
import { listMcns } from '../../../db/queries/members';
import { creatorsPerMcn, latestCampaigns, mcnLeads, postsPerMcnIn, type McnLead } from '../../../db/queries/member-directory';
import { mergeMcns, previewMcnMerge } from '../../core/use-cases/merge-mcns';
import type { AppDeps } from '../../http/app-deps';
import { back, field, render, type ConsoleEnv } from '../context';
import { memberNotice } from './members';
import { memberWords, type MemberWords } from './members-words';

const SHOWN_CAMPAIGNS = 3;

function McnPickers(props: { m: MemberWords; list: { id: number; name: string; code: string }[]; from?: number; into?: number }) {
  const { m, list } = props;
  const options = (selected?: number) => [
    <option value="">{m.cPick}</option>,
    ...list.map((x) => (
      <option value={String(x.id)} selected={x.id === selected}>{`${x.name} (${x.code})`}</option>
    )),
  ];
  return (
    <div class="row">
      <div>
        <label for="merge-from">{m.cFrom}</label>
        <select id="merge-from" name="from" required>
          {options(props.from)}
        </select>
      </div>
      <div>
        <label for="merge-into">{m.cInto}</label>
        <select id="merge-into" name="into" required>
          {options(props.into)}
        </select>
      </div>
    </div>
  );
}

export function mcnPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, clock } = core;

  r.get('/mcns', async (c) => {
    const m = memberWords(c.get('w').lang);
    const [list, leads, creators, shown] = await Promise.all([listMcns(db), mcnLeads(db), creatorsPerMcn(db), latestCampaigns(db, SHOWN_CAMPAIGNS)]);
    const posts = await postsPerMcnIn(
      db,
      shown.map((k) => k.id),
    );
    const leadsOf = new Map<number, McnLead[]>();
    for (const l of leads) leadsOf.set(l.mcnId, [...(leadsOf.get(l.mcnId) ?? []), l]);
    return render(
      c,
      m.cTitle,
      'mcns',
      <>
        <section class="card" aria-labelledby="mcns-h">
          <h2 id="mcns-h">{m.cList}</h2>
          {list.length === 0 ? <p>{m.cNone}</p> : null}
          {list.length ? (
            <>
              <p class="muted">{m.cPostsNote}</p>
              <div class="table-wrap" tabindex={0}>
                <table data-mcns>
                  <caption class="visually-hidden">{m.cList}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.cName}</th>
                      <th scope="col">{m.cCode}</th>
                      <th scope="col">{m.cLeads}</th>
                      <th scope="col" class="num">
                        {m.cCreators}
                      </th>
                      {shown.map((k) => (
                        <th scope="col" class="num">
                          {m.cPostsIn(k.name)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((x) => (
                      <tr data-mcn={x.id}>
                        <th scope="row">
                          <a href={`/console/members?mcn=${x.id}`}>{x.name}</a>
                        </th>
                        <td>{x.code}</td>
                        <td>
                          {(leadsOf.get(x.id) ?? []).length === 0
                            ? m.cNoLead
                            : (leadsOf.get(x.id) ?? []).map((l, i) => (
                                <>
                                  {i > 0 ? ', ' : ''}
                                  <a href={`/console/members/${l.memberId}`}>{l.fullName ?? `#${l.memberId}`}</a>
                                  {l.pending ? ` (${m.cPending})` : ''}
                                </>
                              ))}
                        </td>
                        <td class="num">{creators.get(x.id) ?? 0}</td>
                        {shown.map((k) => (
                          <td class="num">{posts.get(`${k.id}:${x.id}`) ?? 0}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
        {list.length >= 2 ? (
          <section class="card" aria-labelledby="merge-h">
            <h2 id="merge-h">{m.cMerge}</h2>
            <p class="muted">{m.cMergeHint}</p>
            <form method="get" action="/console/mcns/merge">
              <McnPickers m={m} list={list} />
              <p>
                <button type="submit" class="secondary">
                  {m.cMergeCheck}
                </button>
              </p>
            </form>
          </section>
        ) : null}
      </>,
      { notice: memberNotice(c) },
    );
  });

  // The preview: what would move, and the confirmation (a GET changes nothing).
  r.get('/mcns/merge', async (c) => {
    const m = memberWords(c.get('w').lang);
    const fromId = Number(c.req.query('from')) || 0;
    const intoId = Number(c.req.query('into')) || 0;
    if (!fromId || !intoId) return back(c, '/console/mcns', { err: 'm_mcn_pick' });
    const p = await previewMcnMerge(core, { actorMemberId: c.get('session').member.id, fromId, intoId });
    if (!p.ok) return back(c, '/console/mcns', { err: p.reason === 'not_found' ? 'm_mcn_not_found' : `m_${p.reason}` });
    return render(
      c,
      m.cConfirmTitle,
      'mcns',
      <section class="card" data-merge-preview>
        <p>{m.cConfirmText(`${p.from.name} (${p.from.code})`, `${p.into.name} (${p.into.code})`)}</p>
        <p>{m.cMoves(p.moves.members, p.moves.leads, p.moves.posts)}</p>
        <p class="muted">{m.cMergeHint}</p>
        <form method="post" action="/console/mcns/merge" class="row">
          <input type="hidden" name="from" value={String(p.from.id)} />
          <input type="hidden" name="into" value={String(p.into.id)} />
          <button type="submit" class="danger">
            {m.cConfirm}
          </button>
          <a class="button secondary" href="/console/mcns">
            {c.get('w').cancel}
          </a>
        </form>
      </section>,
    );
  });

  r.post('/mcns/merge', async (c) => {
    const body = await c.req.parseBody();
    const fromId = Number(field(body, 'from')) || 0;
    const intoId = Number(field(body, 'into')) || 0;
    if (!fromId || !intoId) return back(c, '/console/mcns', { err: 'm_mcn_pick' });
    const res = await mergeMcns(core, { actorMemberId: c.get('session').member.id, fromId, intoId, now: clock.now(), via: 'console' });
    if (!res.ok) return back(c, '/console/mcns', { err: res.reason === 'not_found' ? 'm_mcn_not_found' : `m_${res.reason}` });
    return back(c, '/console/mcns', { ok: 'm_merged', n: res.moves.members });
  });
}
