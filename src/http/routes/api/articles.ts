// Articles of a day's digest:
//   POST   /api/articles {url, title, outlet?, date?}   add (201; 409 if the URL is in that day)
//   GET    /api/articles?date=YYYY-MM-DD               the day's articles in digest order
//   PATCH  /api/articles/<id> {title?, outlet?}        edit
//   DELETE /api/articles/<id>                          remove (204)
//   PUT    /api/articles/order {date, ids: [...]}      reorder: every id of that day, in the new order
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app-deps';
import { AppError } from '../../../core/errors';
import { cleanJsonStrings } from '../../../core/text/clean';
import { deleteArticle, findArticle, listArticles, reorderArticles, updateArticle, type ArticleRow } from '../../../../db/queries/articles';
import { addArticle, AddArticleSchema, cleanTitle, IsoDateSchema, OUTLET_MAX, TITLE_MAX, TITLE_MIN } from '../../../core/use-cases/add-article';
import { DIGEST_MAX_ARTICLES } from '../../../core/features/digest/message';
import { localDate } from '../../../core/time';

/** Reads and validates a JSON body; 400 with the zod issues otherwise. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = cleanJsonStrings(await c.req.json());
  } catch {
    throw new AppError('bad_request', 'The body must be JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('validation_error', issues.map((i) => `${i.path || 'body'} ${i.message}`).join('; '), issues);
  }
  return parsed.data;
}

export function parseIdParam(value: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new AppError('validation_error', 'id must be a positive integer.');
  return Number(value);
}

export function parseDateParam(value: string | undefined, fallback: () => string): string {
  if (value === undefined || value === '') return fallback();
  if (!IsoDateSchema.safeParse(value).success) throw new AppError('validation_error', 'date must be a real date as YYYY-MM-DD.');
  return value;
}

export function articleJson(a: ArticleRow, number: number) {
  return {
    id: a.id,
    date: a.digestDate,
    number,
    inDigest: number <= DIGEST_MAX_ARTICLES,
    url: a.url,
    title: a.title,
    outlet: a.outlet,
    position: a.position,
    source: a.source,
    addedByMemberId: a.addedByMemberId,
    addedAt: a.addedAt.toISOString(),
  };
}

const PatchSchema = z.object({
  title: z.string().optional(),
  outlet: z.string().trim().min(1).max(OUTLET_MAX).optional(),
});
const OrderSchema = z.object({ date: IsoDateSchema, ids: z.array(z.number().int().positive()).min(1).max(1000) });

export function articlesApi(deps: AppDeps) {
  const r = new Hono();
  const { core } = deps;
  const today = () => localDate(core.clock.now(), core.env.TIMEZONE);

  r.post('/articles', async (c) => {
    const body = await readBody(c, AddArticleSchema);
    const res = await addArticle(core, body, { source: 'api', memberId: null });
    if (!res.ok) {
      if (res.reason === 'duplicate') {
        throw new AppError('conflict', `This URL is already in the digest of ${res.existing.digestDate}.`, { article: articleJson(res.existing, 0) });
      }
      throw new AppError('validation_error', res.message);
    }
    return c.json({ article: articleJson(res.article, res.number) }, 201);
  });

  r.get('/articles', async (c) => {
    const date = parseDateParam(c.req.query('date'), today);
    const list = await listArticles(core.db, date);
    return c.json({ date, articles: list.map((a, i) => articleJson(a, i + 1)) });
  });

  r.put('/articles/order', async (c) => {
    const body = await readBody(c, OrderSchema);
    const current = await listArticles(core.db, body.date);
    const have = new Set(current.map((a) => a.id));
    const given = new Set(body.ids);
    if (given.size !== body.ids.length || given.size !== have.size || body.ids.some((id) => !have.has(id))) {
      throw new AppError('validation_error', `ids must list every article of ${body.date} exactly once: ${[...have].join(', ') || 'none'}.`);
    }
    await reorderArticles(core.db, body.date, body.ids);
    const list = await listArticles(core.db, body.date);
    return c.json({ date: body.date, articles: list.map((a, i) => articleJson(a, i + 1)) });
  });

  r.patch('/articles/:id', async (c) => {
    const id = parseIdParam(c.req.param('id'));
    const body = await readBody(c, PatchSchema);
    let title: string | undefined;
    if (body.title !== undefined) {
      title = cleanTitle(body.title) ?? undefined;
      if (!title) throw new AppError('validation_error', `title must be ${TITLE_MIN}-${TITLE_MAX} characters.`);
    }
    const row = await updateArticle(core.db, id, { ...(title ? { title } : {}), ...(body.outlet ? { outlet: body.outlet.normalize('NFC') } : {}) });
    if (!row) throw new AppError('not_found', `No article ${id}.`);
    const list = await listArticles(core.db, row.digestDate);
    return c.json({ article: articleJson(row, list.findIndex((a) => a.id === id) + 1) });
  });

  r.delete('/articles/:id', async (c) => {
    const id = parseIdParam(c.req.param('id'));
    if (!(await findArticle(core.db, id))) throw new AppError('not_found', `No article ${id}.`);
    await deleteArticle(core.db, id);
    return c.body(null, 204);
  });

  return r;
}
