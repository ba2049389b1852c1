// Members (issue 3): registration, /capquyen, /lienket, /ngung and /tieptuc, /xoa, /ngonngu, the
// Zalo follow / unfollow / user_submit_info / user_withdraw events, and Telegram's block and
// unblock (as unfollow and follow).
import { forgetDeliveredRepliesQuery, setMemberLangQuery, setMemberStatusQuery, setUnfollowedQuery } from '../../../../db/queries/members';
import { setRenewalOffQuery } from '../../../../db/queries/recipients';
import { messagesFor } from '../../../i18n';
import { foldForMatch } from '../../text/fold';
import type { HandlerContext } from '../../commands/handler-context';
import type { Registry } from '../../commands/registry';
import { deleteMemberData } from '../../use-cases/delete-member-data';
import { grantRole } from '../../use-cases/grant-role';
import { issueLinkCode, linkIdentity } from '../../use-cases/link-identity';
import { isConfirmDelete, parseLangArg } from './answers';
import { unusableReason } from '../../commands/unusable';
import { registerLeads } from './leads';
import { REG_PREFIX, REGISTRATION_FLOW, registrationAnswer, registrationButton, registrationNonText, startRegistration, submitInfo } from './registration';

export const DELETE_FLOW = 'member_delete';
const DELETE_PREFIX = 'del';

export function registerMembers(registry: Registry): void {
  registry.commands.set('dangky', startRegistration);
  registry.conversations.set(REGISTRATION_FLOW, registrationAnswer);
  registry.nonText.set(REGISTRATION_FLOW, registrationNonText);
  registry.callbacks.set(REG_PREFIX, registrationButton);
  registry.events.submit_info = submitInfo;
  // An unfinished registration keeps nothing, also when it is left with /thoat or expires.
  registry.dropHooks.set(REGISTRATION_FLOW, (db, identityId) => [forgetDeliveredRepliesQuery(db, identityId)]);

  registry.commands.set('capquyen', (ctx, args) => grantRole(ctx, args));
  registerLeads(registry);
  registry.commands.set('lienket', (ctx, args) => (args.trim() ? linkIdentity(ctx, args) : issueLinkCode(ctx)));

  registry.commands.set('ngung', async (ctx, args) => (isReminderArg(args) ? setRenewalReminders(ctx, false) : setStatus(ctx, 'stopped')));
  registry.commands.set('tieptuc', async (ctx, args) => (isReminderArg(args) ? setRenewalReminders(ctx, true) : setStatus(ctx, 'active')));
  registry.commands.set('nhantiep', async (ctx) => ctx.reply(ctx.identity.platform === 'zalo' ? ctx.t.zaloRenewalThanks() : ctx.t.zaloRenewalTelegram()));
  registry.commands.set('ngonngu', async (ctx, args) => setLanguage(ctx, args));

  registry.commands.set('xoa', async (ctx) => askDelete(ctx));
  registry.conversations.set(DELETE_FLOW, async (ctx, text) => (isConfirmDelete(text) ? confirmDelete(ctx) : keep(ctx)));
  // A sticker is no answer to "delete everything?": the reason and the question again.
  registry.nonText.set(DELETE_FLOW, async (ctx) => askDelete(ctx, [unusableReason(ctx)]));
  registry.callbacks.set(DELETE_PREFIX, async (ctx, data) => {
    if (ctx.conversation?.flow !== DELETE_FLOW) return ctx.reply(ctx.t.noConversation());
    return data === 'yes' ? confirmDelete(ctx) : keep(ctx);
  });
  registry.events.withdraw = (ctx) => deleteMemberData(ctx, { via: 'zalo_withdraw' });

  registry.events.follow = async (ctx) => {
    if (ctx.identity.unfollowedAt) ctx.write(setUnfollowedQuery(ctx.deps.db, ctx.identity.id, null));
    // A Zalo follow is often the first contact: welcome. On Telegram it is an unblock, and the
    // chat's "Restart" button sends /start, which welcomes: one welcome, not two.
    if (ctx.msg.platform === 'zalo') ctx.reply(ctx.t.welcome());
  };
  registry.events.unfollow = async (ctx) => {
    ctx.write(setUnfollowedQuery(ctx.deps.db, ctx.identity.id, ctx.now));
  };
}

/** `nhac` (or `reminders`) after /ngung or /tieptuc means the Zalo renewal reminders. */
function isReminderArg(args: string): boolean {
  return ['nhac', 'nhacnho', 'reminder', 'reminders'].includes(foldForMatch(args).replace(/\s+/g, ''));
}

function setRenewalReminders(ctx: HandlerContext, on: boolean): void {
  ctx.write(setRenewalOffQuery(ctx.deps.db, ctx.member!.id, !on));
  ctx.reply(on ? ctx.t.zaloRenewalOn() : ctx.t.zaloRenewalOff());
}

function setStatus(ctx: HandlerContext, status: 'active' | 'stopped'): void {
  const member = ctx.member!; // the catalog lets only members (and officials) here
  if (member.status === status) return ctx.reply(status === 'stopped' ? ctx.t.stopAlready() : ctx.t.resumeAlready());
  ctx.write(setMemberStatusQuery(ctx.deps.db, member.id, status, ctx.now));
  ctx.reply(status === 'stopped' ? ctx.t.stopDone() : ctx.t.resumeDone());
}

function setLanguage(ctx: HandlerContext, args: string): void {
  const lang = parseLangArg(args);
  if (!lang) return ctx.reply(ctx.t.langUsage());
  const t = messagesFor(lang);
  if (!ctx.member) return ctx.reply(t.langNotRegistered());
  ctx.write(setMemberLangQuery(ctx.deps.db, ctx.member.id, lang, ctx.now));
  ctx.reply(t.langSet());
}

function askDelete(ctx: HandlerContext, prefix: string[] = []): void {
  ctx.startConversation(DELETE_FLOW, 'confirm', {});
  ctx.reply({
    lines: [...prefix.flatMap((p) => [p, '']), ...ctx.t.deleteAsk().split('\n')],
    buttons: [
      [
        { label: ctx.t.btnConfirmDelete(), data: `${DELETE_PREFIX}:yes`, reply: ctx.t.wordConfirmDelete() },
        { label: ctx.t.btnKeep(), data: `${DELETE_PREFIX}:no`, reply: ctx.t.btnKeep() },
      ],
    ],
  });
}

function keep(ctx: HandlerContext): void {
  ctx.endConversation();
  ctx.reply(ctx.t.deleteKept());
}

async function confirmDelete(ctx: HandlerContext): Promise<void> {
  if (!ctx.member) {
    ctx.endConversation();
    return ctx.reply(ctx.t.notRegistered());
  }
  await deleteMemberData(ctx, { via: 'command' });
}
