// `/duyet` (`/approve`): an official or an approved MCN lead approves a pending lead
// (`/duyet 12`), refuses one (`/duyet khong 12`), or lists who is waiting (`/duyet`). The buttons
// of the notice (`lead:<id>:yes|no`) do the same.
import type { HandlerContext } from '../../commands/handler-context';
import type { Registry } from '../../commands/registry';
import { LEAD_PREFIX, pendingLeadsFor, planLeadDecision } from '../../use-cases/pending-leads';
import { foldAnswer } from './answers';

const REFUSE_WORDS = new Set(['khong', 'ko', 'k', 'no', 'tu choi', 'tuchoi', 'refuse', 'reject']);

/** `12`, `#12` → approve 12; `khong 12`, `no 12`, `tu choi 12` → refuse 12; '' → list. */
export function parseDuyetArgs(args: string): { list: true } | { memberId: number; approve: boolean } | null {
  const folded = foldAnswer(args.replace(/#/g, ' '));
  if (!folded) return { list: true };
  const m = /^(?:(.+?) )?(\d{1,9})$/.exec(folded);
  if (!m) return null;
  if (m[1] === undefined) return { memberId: Number(m[2]), approve: true };
  return REFUSE_WORDS.has(m[1]) ? { memberId: Number(m[2]), approve: false } : null;
}

export function registerLeads(registry: Registry): void {
  registry.commands.set('duyet', duyetCommand);
  registry.callbacks.set(LEAD_PREFIX, async (ctx, data) => {
    const m = /^(\d{1,9}):(yes|no)$/.exec(data);
    if (!m) return;
    if (ctx.role !== 'official' && ctx.role !== 'mcn_lead') return ctx.reply(ctx.t.officialsOrLeadsOnly());
    await decide(ctx, Number(m[1]), m[2] === 'yes');
  });
}

async function duyetCommand(ctx: HandlerContext, args: string): Promise<void> {
  const parsed = parseDuyetArgs(args);
  if (!parsed) return ctx.reply(ctx.t.duyetUsage());
  if ('list' in parsed) return listPending(ctx);
  await decide(ctx, parsed.memberId, parsed.approve);
}

async function listPending(ctx: HandlerContext): Promise<void> {
  const t = ctx.t;
  if (!ctx.member) return ctx.reply(t.duyetNotAllowed());
  const list = await pendingLeadsFor(ctx.deps.db, ctx.member);
  if (list.length === 0) return ctx.reply(`${t.duyetListEmpty()}\n${t.duyetUsage()}`);
  const lines = [
    t.duyetListHeader(),
    ...list.map((p) => t.duyetListLine({ memberId: p.memberId, name: p.fullName ?? t.deletedName(), mcn: p.mcnName, code: p.mcnCode })),
    '',
    t.duyetUsage(),
  ];
  ctx.reply(lines.join('\n'));
}

async function decide(ctx: HandlerContext, memberId: number, approve: boolean): Promise<void> {
  const t = ctx.t;
  if (!ctx.member) return ctx.reply(t.duyetNotAllowed());
  const plan = await planLeadDecision(ctx.deps.db, {
    actorMemberId: ctx.member.id,
    memberId,
    approve,
    now: ctx.now,
    via: 'chat',
    platform: ctx.msg.platform,
  });
  const r = plan.result;
  if (!r.ok) return ctx.reply(r.reason === 'not_allowed' ? t.duyetNotAllowed() : t.duyetNotFound({ memberId }));
  for (const w of plan.writes) ctx.write(w);
  for (const row of plan.rows) ctx.enqueue(row);
  ctx.reply(r.approved ? t.duyetApproved({ memberId, mcn: r.mcn.name }) : t.duyetRefused({ memberId, mcn: r.mcn.name }));
}
