// /chiendich (/campaign), officials only:
//   /chiendich                                   → open campaigns and how to create one
//   /chiendich <name> #tag [#tag] | <from> | <to> → create (dates dd/mm/yyyy, local)
//   /chiendich dong <id or #tag>                 → close (also "close", "đóng")
import { listCampaigns } from '../../../../db/queries/campaigns';
import type { HandlerContext } from '../../commands/handler-context';
import type { Messages } from '../../../i18n';
import { extractHashtags } from '../../links';
import { foldForMatch } from '../../text/fold';
import { isoToDisplayDate, localDate, parseDisplayDate } from '../../time';
import { closeCampaignWrites } from '../../use-cases/close-campaign';
import { createCampaign, type CreateCampaignError } from '../../use-cases/create-campaign';
import { campaignLineParams, resolveCampaignRef, tagsOf } from './common';

export type CampaignArgs =
  | { kind: 'list' }
  | { kind: 'close'; ref: string }
  | { kind: 'create'; name: string; hashtags: string[]; from: string; to: string }
  | { kind: 'error'; error: 'three_parts' | 'no_hashtag' }
  | { kind: 'error'; error: 'bad_date'; text: string };

const CLOSE_WORDS = new Set(['dong', 'close', 'ketthuc']);

/** Parses the text after /chiendich (pure). */
export function parseCampaignArgs(args: string): CampaignArgs {
  const text = args.normalize('NFC').trim();
  if (!text) return { kind: 'list' };
  if (!text.includes('|')) {
    const words = text.split(/\s+/);
    // "đóng 12", "close #MyHoChiMinh", "kết thúc 12"
    const first = foldForMatch(words[0] ?? '');
    const two = foldForMatch(words.slice(0, 2).join(''));
    if (CLOSE_WORDS.has(first) && words.length === 2) return { kind: 'close', ref: words[1]! };
    if (two === 'ketthuc' && words.length === 3) return { kind: 'close', ref: words[2]! };
  }
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length !== 3) return { kind: 'error', error: 'three_parts' };
  const [head, fromText, toText] = parts as [string, string, string];
  const hashtags = extractHashtags(head);
  if (hashtags.length === 0) return { kind: 'error', error: 'no_hashtag' };
  let name = head;
  for (const tag of hashtags) name = name.split(tag).join(' ');
  name = name.replace(/\s+/g, ' ').trim();
  // "/chiendich #MyHoChiMinh | ..." without a name: the first hashtag names it.
  if (!name) name = hashtags[0]!.slice(1);
  const from = parseDisplayDate(fromText);
  if (!from) return { kind: 'error', error: 'bad_date', text: fromText.slice(0, 40) };
  const to = parseDisplayDate(toText);
  if (!to) return { kind: 'error', error: 'bad_date', text: toText.slice(0, 40) };
  return { kind: 'create', name, hashtags, from, to };
}

/** Words for a createCampaign error (chat). */
export function createErrorText(t: Messages, e: CreateCampaignError): string {
  switch (e.error) {
    case 'bad_name':
      return t.campaignBadName();
    case 'no_hashtag':
      return t.campaignNeedsHashtag();
    case 'too_many_hashtags':
      return t.campaignTooManyHashtags(e.max);
    case 'bad_hashtag':
      return t.campaignBadHashtag(e.tag);
    case 'bad_date':
      return t.campaignBadDate(e.value);
    case 'end_before_start':
      return t.campaignEndBeforeStart();
    case 'ends_in_past':
      return t.campaignEndsInPast(isoToDisplayDate(e.today));
    case 'hashtag_taken':
      return e.conflicts.map((c) => t.campaignHashtagTaken({ tag: c.tag, id: c.campaignId, name: c.campaignName })).join('\n');
  }
}

export async function campaignCommand(ctx: HandlerContext, args: string): Promise<void> {
  const { t } = ctx;
  const parsed = parseCampaignArgs(args);
  const today = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  switch (parsed.kind) {
    case 'list': {
      const open = await listCampaigns(ctx.deps.db, { status: 'open' });
      const lines = open.length
        ? [t.campaignListHeader(), ...open.map((c) => t.campaignLine(campaignLineParams(c, today, c.postCount)))]
        : [t.campaignListEmpty()];
      return ctx.reply([...lines, '', t.campaignUsage()].join('\n'));
    }
    case 'error':
      if (parsed.error === 'bad_date') return ctx.reply(`${t.campaignBadDate(parsed.text)}\n\n${t.campaignUsage()}`);
      return ctx.reply(`${parsed.error === 'three_parts' ? t.campaignNeedsThreeParts() : t.campaignNeedsHashtag()}\n\n${t.campaignUsage()}`);
    case 'close': {
      const c = await resolveCampaignRef(ctx.deps.db, parsed.ref);
      if (!c) return ctx.reply(t.campaignNotFound(parsed.ref.slice(0, 60)));
      if (c.status === 'closed') return ctx.reply(t.campaignAlreadyClosed({ id: c.id, name: c.name }));
      for (const q of closeCampaignWrites(ctx.deps, c.id, ctx.now, { actorMemberId: ctx.member?.id ?? null, via: 'chat' })) ctx.write(q);
      ctx.deps.log.info('campaign closed', { campaignId: c.id });
      return ctx.reply(t.campaignClosed({ id: c.id, name: c.name }));
    }
    case 'create': {
      // Written at once (the reply needs the id); the event key makes a retry find this row.
      const res = await createCampaign(ctx.deps, {
        name: parsed.name,
        hashtags: parsed.hashtags,
        startsOn: parsed.from,
        endsOn: parsed.to,
        createdByMemberId: ctx.member?.id ?? null,
        createKey: `event:${ctx.msg.eventKey}`,
        via: 'chat',
      });
      if (!res.ok) return ctx.reply(createErrorText(t, res));
      const c = res.campaign;
      return ctx.reply(
        t.campaignCreated({ id: c.id, name: c.name, tags: tagsOf(c), from: isoToDisplayDate(c.startsOn), to: isoToDisplayDate(c.endsOn) }),
      );
    }
  }
}
