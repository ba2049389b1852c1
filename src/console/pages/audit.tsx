// Nhật ký: the audit log, newest first, filtered by official and kind, 50 a page ("older" pages
// by id). Details are shown as stored: they carry ids and counts, never names or texts.
import type { Hono } from 'hono';
import { auditActions, auditPage as auditRows, officialsList } from '../../../db/queries/console';
import type { AppDeps } from '../../http/app-deps';
import { formatDateTime } from '../../core/time';
import { noticeOf, render, type ConsoleEnv } from '../context';

const PAGE = 50;

export function auditPage(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { db, env } = deps.core;
  r.get('/audit', async (c) => {
    const w = c.get('w');
    const actor = Number(c.req.query('actor')) || undefined;
    const action = c.req.query('kind') || undefined;
    const before = Number(c.req.query('before')) || undefined;
    const [rows, kinds, officials] = await Promise.all([auditRows(db, { actorMemberId: actor, action, beforeId: before }, PAGE), auditActions(db), officialsList(db)]);
    const older = rows.length === PAGE ? rows[rows.length - 1]!.id : null;
    const q = (extra: Record<string, string | number | undefined>) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries({ actor, kind: action, ...extra })) if (v !== undefined && v !== '') u.set(k, String(v));
      return `/console/audit?${u.toString()}`;
    };
    return render(
      c,
      w.auTitle,
      'audit',
      <>
        <form method="get" action="/console/audit" class="row">
          <div>
            <label for="actor">{w.auWho}</label>
            <select id="actor" name="actor">
              <option value="">{w.auAll}</option>
              {officials.map((o) => (
                <option value={String(o.id)} selected={o.id === actor}>{`${o.id} · ${o.fullName ?? '—'}`}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="kind">{w.auKind}</label>
            <select id="kind" name="kind">
              <option value="">{w.auAll}</option>
              {kinds.map((k) => (
                <option value={k} selected={k === action}>
                  {k}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {w.auFilter}
          </button>
        </form>
        <section class="card">
          <div class="table-wrap" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{w.auWhen}</th>
                  <th scope="col">{w.auWho}</th>
                  <th scope="col">{w.auKind}</th>
                  <th scope="col">{w.auTarget}</th>
                  <th scope="col">{w.auDetail}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr data-audit={e.id}>
                    <td>{formatDateTime(e.at, env.TIMEZONE)}</td>
                    <td>{e.actorMemberId ?? '—'}</td>
                    <td>{e.action}</td>
                    <td>{e.targetMemberId ?? ''}</td>
                    <td>
                      <code>{e.detail ? JSON.stringify(e.detail) : ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 ? <p>{w.none}</p> : null}
          {older ? (
            <p>
              <a href={q({ before: older })}>{w.auOlder} →</a>
            </p>
          ) : null}
        </section>
      </>,
      { notice: noticeOf(c) },
    );
  });
}
