// Questions and feedback (SPEC §8): /hoi <text> (or /hoi, then the text as the next message) from
// anyone in a private chat; /traloi <number> <text> for officials. The work is in
// src/core/use-cases/questions.ts, shared with the admin API and the console.
import type { HandlerContext } from '../commands/handler-context';
import type { Registry } from '../commands/registry';
import { unusableReason } from '../commands/unusable';
import { answerRefusalText, askQuestion, planAnswer } from '../use-cases/questions';

export const QUESTION_FLOW = 'question';

export function registerQuestions(registry: Registry): void {
  registry.commands.set('hoi', async (ctx, args) => {
    if (args.trim()) return askQuestion(ctx, args);
    ctx.startConversation(QUESTION_FLOW, 'text', {});
    ctx.reply(ctx.t.askPrompt());
  });
  registry.conversations.set(QUESTION_FLOW, async (ctx, text) => {
    if (!text.trim()) return ctx.reply(ctx.t.askEmpty());
    ctx.endConversation();
    await askQuestion(ctx, text);
  });
  registry.nonText.set(QUESTION_FLOW, async (ctx) => ctx.reply([unusableReason(ctx), ctx.t.askPrompt()].join('\n')));
  registry.commands.set('traloi', answerCommand);
}

async function answerCommand(ctx: HandlerContext, args: string): Promise<void> {
  const t = ctx.t;
  const m = /^#?(\d{1,9})\s+([\s\S]+)$/.exec(args.trim());
  if (!m || !ctx.member) return ctx.reply(t.traloiUsage());
  const id = Number(m[1]);
  const plan = await planAnswer(ctx.deps.db, { threadId: id, text: m[2]!, actorMemberId: ctx.member.id, now: ctx.now, sourceKey: ctx.msg.eventKey, via: 'chat' });
  if (!plan.result.ok) return ctx.reply(answerRefusalText(t, plan.result.reason, id));
  for (const w of plan.writes) ctx.write(w);
  for (const r of plan.rows) ctx.enqueue(r);
  ctx.reply(t.traloiSent({ id }));
}
