// createCampaign: validates a campaign (name, hashtags, local dates) and stores it with its
// hashtags in one batch. Used by /chiendich and POST /api/campaigns; errors are data so each
// transport words them its own way (Vietnamese chat reply, 400/409 JSON).
import { z } from 'zod';
import {
  campaignsByIds,
  createCampaignQueries,
  findCampaignByCreateKey,
  openCampaignsByTagKeys,
  type CampaignRow,
} from '../../../db/queries/campaigns';
import { sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema';
import type { CoreDeps } from '../context';
import { foldForMatch } from '../text/fold';
import { localDate } from '../time';

export const MAX_HASHTAGS = 10;

export const CreateCampaignInputSchema = z.object({
  name: z.string(),
  hashtags: z.array(z.string()),
  /** YYYY-MM-DD, local (TIMEZONE). */
  startsOn: z.string(),
  endsOn: z.string(),
  createdByMemberId: z.number().int().nullable().default(null),
  /** Makes a retried creation idempotent (`event:<key>`); a random `api:<uuid>` when absent. */
  createKey: z.string().min(1).optional(),
  /** The console may create a campaign that already ended, to collect late reports by its hashtag. */
  allowEnded: z.boolean().default(false),
  /** Where the creation came from, for the audit entry. */
  via: z.enum(['chat', 'api', 'console']).default('api'),
});
export type CreateCampaignInput = z.input<typeof CreateCampaignInputSchema>;

export type CreateCampaignError =
  | { error: 'bad_name' }
  | { error: 'no_hashtag' }
  | { error: 'too_many_hashtags'; max: number }
  | { error: 'bad_hashtag'; tag: string }
  | { error: 'bad_date'; field: 'startsOn' | 'endsOn'; value: string }
  | { error: 'end_before_start' }
  | { error: 'ends_in_past'; today: string }
  | { error: 'hashtag_taken'; conflicts: { tag: string; campaignId: number; campaignName: string }[] };

export type CreateCampaignResult = ({ ok: true; campaign: CampaignRow; existed: boolean }) | ({ ok: false } & CreateCampaignError);

const TAG_BODY = /^[\p{L}\p{M}\p{N}_]{1,50}$/u;

/** "#MyHồChíMinh", "MyHồChíMinh" → { tag: "#MyHồChíMinh", key: "myhochiminh" }; null when not a hashtag. */
export function parseHashtag(input: string): { tag: string; key: string } | null {
  const body = input.normalize('NFC').trim().replace(/^#+/, '');
  if (!TAG_BODY.test(body) || !/\p{L}/u.test(body)) return null;
  return { tag: `#${body}`, key: hashtagKey(body) };
}

/** The folded key a hashtag is matched on (case- and diacritics-insensitive). */
export const hashtagKey = (tag: string): string => foldForMatch(tag.replace(/^#+/, ''));

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export async function createCampaign(deps: CoreDeps, raw: CreateCampaignInput): Promise<CreateCampaignResult> {
  const input = CreateCampaignInputSchema.parse(raw);
  const now = deps.clock.now();
  const name = input.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length < 2 || name.length > 200) return { ok: false, error: 'bad_name' };
  if (input.hashtags.length === 0) return { ok: false, error: 'no_hashtag' };
  const tags: { tag: string; key: string }[] = [];
  for (const t of input.hashtags) {
    const parsed = parseHashtag(t);
    if (!parsed) return { ok: false, error: 'bad_hashtag', tag: t.slice(0, 60) };
    if (!tags.some((x) => x.key === parsed.key)) tags.push(parsed);
  }
  if (tags.length > MAX_HASHTAGS) return { ok: false, error: 'too_many_hashtags', max: MAX_HASHTAGS };
  if (!isIsoDate(input.startsOn)) return { ok: false, error: 'bad_date', field: 'startsOn', value: input.startsOn.slice(0, 40) };
  if (!isIsoDate(input.endsOn)) return { ok: false, error: 'bad_date', field: 'endsOn', value: input.endsOn.slice(0, 40) };
  if (input.endsOn < input.startsOn) return { ok: false, error: 'end_before_start' };
  const today = localDate(now, deps.env.TIMEZONE);
  if (input.endsOn < today && !input.allowEnded) return { ok: false, error: 'ends_in_past', today };

  const createKey = input.createKey ?? `api:${crypto.randomUUID()}`;
  if (input.createKey) {
    const existing = await findCampaignByCreateKey(deps.db, createKey);
    if (existing) return { ok: true, campaign: existing, existed: true };
  }
  const taken = await conflicts(deps, tags);
  if (taken) return taken;

  const [insertCampaign, insertTags] = createCampaignQueries(deps.db, {
    name,
    tags,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    createdByMemberId: input.createdByMemberId,
    createKey,
    at: now,
  });
  try {
    const [created] = await deps.db.batch([
      insertCampaign,
      insertTags,
      // The audit entry finds the new id by the create key, like the hashtags do.
      deps.db.insert(auditLog).values({
        actorMemberId: input.createdByMemberId,
        action: 'campaign_created',
        detail: sql`json_object('campaignId', (SELECT id FROM campaigns WHERE create_key = ${createKey}), 'hashtags', ${tags.length}, 'via', ${input.via})`,
        at: now,
      }),
    ]);
    deps.log.info('campaign created', { campaignId: created[0]!.id, hashtags: tags.length });
    return { ok: true, campaign: created[0]!, existed: false };
  } catch (err) {
    // Someone took a hashtag (or created this very campaign) between the check and the write.
    if (!/UNIQUE/i.test(String(err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : err))) throw err;
    const existing = await findCampaignByCreateKey(deps.db, createKey);
    if (existing) return { ok: true, campaign: existing, existed: true };
    const again = await conflicts(deps, tags);
    if (again) return again;
    throw err;
  }
}

async function conflicts(deps: CoreDeps, tags: { tag: string; key: string }[]): Promise<CreateCampaignResult | null> {
  const open = await openCampaignsByTagKeys(
    deps.db,
    tags.map((t) => t.key),
  );
  if (open.size === 0) return null;
  const byId = await campaignsByIds(deps.db, [...new Set(open.values())]);
  return {
    ok: false,
    error: 'hashtag_taken',
    conflicts: tags
      .filter((t) => open.has(t.key))
      .map((t) => {
        const id = open.get(t.key)!;
        return { tag: t.tag, campaignId: id, campaignName: byId.get(id)?.name ?? '' };
      }),
  };
}
