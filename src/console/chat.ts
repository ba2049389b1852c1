// /web (/console) in chat: an official gets a single-use sign-in link in the private chat. The
// catalog marks it privateOnly (in a group Loa points to the private chat: a link shown in a group
// could be used by anyone there); the check here is a second lock.
import type { Registry } from '../core/commands/registry';
import { LOGIN_TOKEN_TTL_MS, newLoginLink, publicBaseUrl } from './auth';

export function registerConsole(registry: Registry): void {
  registry.commands.set('web', async (ctx) => {
    // The catalog's audience already refused non-officials.
    if (ctx.role !== 'official' || !ctx.member) return ctx.reply(ctx.t.officialsOnly());
    if (!ctx.msg.isPrivate) return ctx.reply(ctx.t.consolePrivateOnly());
    const link = await newLoginLink(ctx.deps.db, ctx.deps.env, ctx.member.id, ctx.now);
    ctx.write(link.write);
    // Two links in the message: Telegram then shows no link preview (its preview robot would
    // otherwise open the single-use link before the official does).
    ctx.reply(
      [ctx.t.consoleLink({ url: link.url, minutes: LOGIN_TOKEN_TTL_MS / 60_000 }), ctx.t.consoleHome({ url: `${publicBaseUrl(ctx.deps.env)}/console` })].join('\n'),
    );
  });
}
