// /batdau (welcome), /trogiup (the commands this member may use) and /thoat (leave a conversation).
import { COMMANDS, type CommandSpec } from '../commands/catalog';
import type { HandlerContext } from '../commands/handler-context';
import type { Registry } from '../commands/registry';
import type { Role } from '../types';

export function registerBasics(registry: Registry): void {
  registry.commands.set('batdau', async (ctx) => ctx.reply(ctx.t.welcome()));
  registry.commands.set('trogiup', async (ctx) => ctx.reply(helpText(ctx)));
  registry.commands.set('thoat', async (ctx) => {
    if (!ctx.conversation) return ctx.reply(ctx.t.noConversation());
    for (const w of registry.dropHooks.get(ctx.conversation.flow)?.(ctx.deps.db, ctx.identity.id) ?? []) ctx.write(w);
    ctx.endConversation();
    // Also takes away a Telegram reply keyboard the conversation showed (the phone step's).
    ctx.reply({ lines: [ctx.t.conversationCancelled()], removeKeyboard: true });
  });
}

/** Whether someone with this role (null = not registered) may use a command. */
export function mayUse(spec: CommandSpec, role: Role | null, registered: boolean): boolean {
  if (spec.audience === 'anyone') return true;
  if (spec.audience === 'official') return role === 'official';
  if (spec.audience === 'lead') return role === 'official' || role === 'mcn_lead';
  return registered || role === 'official';
}

export function helpText(ctx: HandlerContext): string {
  const registered = Boolean(ctx.member?.registeredAt);
  const lines = [ctx.t.helpHeader()];
  for (const c of COMMANDS as readonly CommandSpec[]) {
    if (c.hidden || !mayUse(c, ctx.role, registered)) continue;
    const name = ctx.lang === 'en' ? c.en : c.name;
    const about =
      c.name === 'thongke' && ctx.role ? ctx.t.helpStats[ctx.role] : ctx.t.commandDescriptions[c.name as keyof typeof ctx.t.commandDescriptions];
    lines.push(`/${name}: ${about}`);
  }
  if (!registered && ctx.role !== 'official') lines.push('', ctx.t.helpNotRegistered());
  return lines.join('\n');
}
