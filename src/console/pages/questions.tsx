// Hỏi đáp (SPEC §8): questions open / answered / closed, oldest first, with the time waiting, the
// member's name, number and MCN when registered; an answer form and a one-click close. The same
// use-cases as /traloi and the admin API (they write the audit entries with this official).
import type { Hono } from 'hono';
import { listThreads, type ThreadStatus } from '../../../db/queries/questions';
import { messagesFor } from '../../i18n';
import type { AppDeps } from '../../http/app-deps';
import { formatDateTime } from '../../core/time';
import { ageText, answerQuestion, closeQuestion, QUESTION_MAX_CHARS } from '../../core/use-cases/questions';
import { randomToken } from '../auth';
import { back, field, noticeOf, render, type CCtx, type ConsoleEnv } from '../context';
import type { Notice } from '../layout';
import { questionWords } from './questions-words';

const STATUSES: ThreadStatus[] = ['open', 'answered', 'closed'];
const statusOf = (s: string | undefined): ThreadStatus => (STATUSES.includes(s as ThreadStatus) ? (s as ThreadStatus) : 'open');

function questionNotice(c: CCtx): Notice | null {
  const q = questionWords(c.get('w').lang);
  const n = c.req.query('n') ?? '';
  const ok = c.req.query('ok');
  const err = c.req.query('err');
  if (ok === 'q_answered') return { kind: 'ok', text: q.qSent(n) };
  if (ok === 'q_closed') return { kind: 'ok', text: q.qClosed(n) };
  if (err && err.startsWith('q_') && q.qErrors[err.slice(2)]) return { kind: 'err', text: q.qErrors[err.slice(2)]! };
  return noticeOf(c);
}

export function questionPages(r: Hono<ConsoleEnv>, deps: AppDeps) {
  const { core } = deps;
  const { db, env, clock } = core;
  const tz = env.TIMEZONE;

  r.get('/questions', async (c) => {
    const w = c.get('w');
    const q = questionWords(w.lang);
    const t = messagesFor(w.lang === 'en' ? 'en' : 'vi');
    const status = statusOf(c.req.query('status'));
    const now = clock.now();
    const list = await listThreads(db, status);
    return render(
      c,
      q.qTitle,
      'questions',
      <>
        <nav aria-label={q.qTitle}>
          <p class="row">
            {STATUSES.map((s) => (
              <a href={`/console/questions?status=${s}`} aria-current={s === status ? 'page' : undefined} class={s === status ? 'button' : 'button secondary'}>
                {q.qStatus[s]}
              </a>
            ))}
          </p>
        </nav>
        {list.length === 0 ? <p>{q.qNone}</p> : null}
        {list.map((x) => (
          <section class="card" data-question={x.id} aria-labelledby={`q-${x.id}`}>
            <h2 id={`q-${x.id}`}>
              {q.qNumber(x.id)} · {x.platform === 'zalo' ? w.zalo : w.telegram} · {q.qStatus[x.status]}
              {x.waitingSince ? ` · ${q.qWaiting(ageText(t, now.getTime() - x.waitingSince.getTime()))}` : ''}
            </h2>
            <p class="muted">
              {x.memberId != null && x.memberName ? `${q.qMember(x.memberName, x.memberId)} · ${x.mcnName ?? q.qIndependent}` : q.qNotRegistered}
            </p>
            <ul class="messages">
              {x.messages.map((m) => (
                <li data-kind={m.kind}>
                  <strong>{m.kind === 'answer' ? q.qAnswer : q.qAsked}</strong> <span class="muted">{formatDateTime(m.at, tz)}</span>
                  <div class="text">{m.text}</div>
                </li>
              ))}
            </ul>
            {x.status !== 'closed' ? (
              <div class="row">
                <form method="post" action={`/console/questions/${x.id}/answer`}>
                  <label for={`answer-${x.id}`}>{q.qAnswerLabel(x.id)}</label>
                  <textarea id={`answer-${x.id}`} name="text" rows={3} required maxlength={QUESTION_MAX_CHARS}></textarea>
                  <input type="hidden" name="status" value={status} />
                  <button type="submit">{q.qSend}</button>
                </form>
                <form method="post" action={`/console/questions/${x.id}/close`} class="inline">
                  <input type="hidden" name="status" value={status} />
                  <button type="submit" class="secondary">
                    {q.qClose}
                  </button>
                </form>
              </div>
            ) : null}
          </section>
        ))}
      </>,
      { notice: questionNotice(c) },
    );
  });

  r.post('/questions/:id/answer', async (c) => {
    const id = Number(c.req.param('id')) || 0;
    const body = await c.req.parseBody();
    const to = `/console/questions?status=${statusOf(field(body, 'status'))}`;
    const res = await answerQuestion(core, {
      threadId: id,
      text: field(body, 'text'),
      actorMemberId: c.get('session').member.id,
      now: clock.now(),
      sourceKey: `console:${randomToken()}`,
      via: 'console',
    });
    if (!res.ok) return back(c, to, { err: `q_${res.reason}` });
    return back(c, to, { ok: 'q_answered', n: id });
  });

  r.post('/questions/:id/close', async (c) => {
    const id = Number(c.req.param('id')) || 0;
    const body = await c.req.parseBody();
    const to = `/console/questions?status=${statusOf(field(body, 'status'))}`;
    const res = await closeQuestion(core, { threadId: id, actorMemberId: c.get('session').member.id, now: clock.now(), via: 'console' });
    if (!res.ok) return back(c, to, { err: `q_${res.reason}` });
    return back(c, to, { ok: 'q_closed', n: id });
  });
}
