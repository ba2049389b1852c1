// The CSV export of one campaign's posts (GET /api/campaigns/<id>/posts.csv, signed downloads,
// /xuat): read in keyset pages of 1,000 rows, so a 100,000-row export never sits in one query.
import type { CampaignRow } from '../../../db/queries/campaigns';
import { listPosts } from '../../../db/queries/posts';
import type { CoreDeps } from '../context';
import { postCsvHeader, postCsvRow } from '../features/campaigns/csv';
import { foldForMatch } from '../text/fold';
import { messagesFor } from '../../i18n';

const PAGE = 1000;

/** `chien-dich-12-my-ho-chi-minh` (ASCII, safe in a URL path and a Content-Disposition). */
export function campaignFileStem(c: Pick<CampaignRow, 'id' | 'name'>): string {
  const slug = foldForMatch(c.name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `chien-dich-${c.id}${slug ? `-${slug}` : ''}`;
}

/** The CSV text in chunks: the BOM and header, then one chunk per page of rows. */
export async function* campaignCsvChunks(deps: CoreDeps, campaignId: number): AsyncGenerator<string> {
  const deleted = messagesFor('vi').statsDeletedName();
  yield postCsvHeader();
  let afterId = 0;
  for (;;) {
    const page = await listPosts(deps.db, { campaignId }, { afterId, limit: PAGE });
    if (page.length === 0) return;
    yield page.map((p) => postCsvRow(p, deps.env.TIMEZONE, deleted)).join('');
    afterId = page[page.length - 1]!.id;
    if (page.length < PAGE) return;
  }
}

/** A byte stream for an HTTP response (works on Node and Workers). */
export function campaignCsvStream(deps: CoreDeps, campaignId: number): ReadableStream<Uint8Array> {
  const chunks = campaignCsvChunks(deps, campaignId);
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(enc.encode(next.value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

export async function campaignCsvBytes(deps: CoreDeps, campaignId: number): Promise<Uint8Array> {
  const parts: string[] = [];
  for await (const chunk of campaignCsvChunks(deps, campaignId)) parts.push(chunk);
  return new TextEncoder().encode(parts.join(''));
}
