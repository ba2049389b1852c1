// Questions and feedback (SPEC §8) over the admin API:
// GET /api/questions?status=open|answered|closed: threads, oldest first, with their messages;
// POST /api/questions/<n>/answer {text}: answers (to the asker's private chat, through the outbox);
// POST /api/questions/<n>/close. The same use-cases as /traloi and the console.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../../core/errors';
import { listThreads } from '../../../../db/queries/questions';
import { answerQuestion, closeQuestion, QUESTION_MAX_CHARS } from '../../../core/use-cases/questions';
import { parseId, readJson, validationError } from './campaigns';

const ListQuery = z.object({ status: z.enum(['open', 'answered', 'closed']).optional() });
const AnswerBody = z.object({ text: z.string().trim().min(1).max(QUESTION_MAX_CHARS) }).strict();

export function questionsApi(deps: AppDeps) {
  const r = new Hono();
  const core = deps.core;

  r.get('/questions', async (c) => {
    const q = ListQuery.safeParse(c.req.query());
    if (!q.success) throw validationError(q.error);
    const now = core.clock.now();
    const list = await listThreads(core.db, q.data.status ?? null);
    return c.json({
      questions: list.map((t) => ({
        id: t.id,
        status: t.status,
        platform: t.platform,
        waitingSince: t.waitingSince?.toISOString() ?? null,
        waitingMinutes: t.waitingSince ? Math.floor((now.getTime() - t.waitingSince.getTime()) / 60_000) : null,
        createdAt: t.createdAt.toISOString(),
        member: t.memberId != null ? { id: t.memberId, name: t.memberName, mcn: t.mcnName } : null,
        messages: t.messages.map((m) => ({ kind: m.kind, text: m.text, at: m.at.toISOString() })),
      })),
    });
  });

  r.post('/questions/:id/answer', async (c) => {
    const id = parseId(c.req.param('id'), 'question');
    const body = AnswerBody.safeParse(await readJson(c));
    if (!body.success) throw validationError(body.error);
    const res = await answerQuestion(core, {
      threadId: id,
      text: body.data.text,
      actorMemberId: null,
      now: core.clock.now(),
      sourceKey: `api:${id}:${crypto.randomUUID()}`,
      via: 'api',
    });
    if (!res.ok) {
      if (res.reason === 'not_found') throw new AppError('not_found', `No question ${id}.`);
      if (res.reason === 'zalo_window') throw new AppError('conflict', 'The person asked on Zalo and wrote last more than 7 days ago: Zalo refuses the message (zalo_outside_window). Nothing was queued.', { reason: 'zalo_outside_window' });
      if (res.reason === 'closed') throw new AppError('conflict', `Question ${id} is closed.`, { reason: 'closed' });
      if (res.reason === 'asker_gone') throw new AppError('conflict', `The person who asked question ${id} deleted their data.`, { reason: 'asker_gone' });
      throw new AppError('validation_error', 'The answer must be 1-2000 characters.');
    }
    return c.json({ question: { id, status: 'answered' }, queued: true });
  });

  r.post('/questions/:id/close', async (c) => {
    const id = parseId(c.req.param('id'), 'question');
    const res = await closeQuestion(core, { threadId: id, actorMemberId: null, now: core.clock.now(), via: 'api' });
    if (!res.ok && res.reason === 'not_found') throw new AppError('not_found', `No question ${id}.`);
    return c.json({ question: { id, status: 'closed' }, alreadyClosed: !res.ok });
  });

  return r;
}
