// Handles one stored inbound event: finds the identity and member, routes the message
// (conversation → command → free-text handlers → hint) and commits every write, every reply
// and "event done" in one batch. A handler that throws leaves the event for the retry job.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { loadInboundContexts, type InboundContextInput, type InboundContextRows } from '../../db/queries/inbound-context';
import { setUnfollowedQuery } from '../../db/queries/members';
import { replyKey, slowDownKey, type OutboxInsert } from '../../db/queries/outbox';
import { welcomeBackQuery } from '../../db/queries/digests';
import { digestRef } from './use-cases/queue-digest';
import { chatIdentities } from '../../db/schema';
import { langFromClient, messagesFor } from '../i18n';
import { COMMAND_BY_NAME, type CommandName, type CommandSpec } from './commands/catalog';
import type { HandlerContext, Write } from './commands/handler-context';
import { textMessage } from './commands/handler-context';
import { matchCommand } from './commands/match-command';
import { unusableReason } from './commands/unusable';
import type { Registry } from './commands/registry';
import type { CoreDeps } from './context';
import { CONVERSATION_TTL_MS, deleteConversationQuery, upsertConversationQuery } from './conversations/conversation-store';
import { localDate } from './time';
import { senderOf } from './inbound-sender';
import { cleanText } from './text/clean';
import type { InboundMessage, OutboundMessage } from './types';

import { commitEffectsAlone, type EventEffects } from './event-effects';

/** Commits an event's effects (a write coalescer in production: group commit across events). */
export type CommitEffects = (effects: EventEffects) => Promise<unknown>;
/** Loads an event's identity, member and conversation (a batch loader in production: one lookup for the events of a turn). */
export type LoadContext = (input: InboundContextInput) => Promise<InboundContextRows>;

export interface EventIo {
  load: LoadContext;
  commit: CommitEffects;
}

/** One event on its own: its own lookup and its own batch (retries, tests). */
export const eventIoAlone = (db: Db): EventIo => ({
  load: async (input) => (await loadInboundContexts(db, [input]))[0]!,
  commit: (e) => commitEffectsAlone(db, e),
});

export async function processInboundEvent(
  deps: CoreDeps,
  registry: Registry,
  eventId: number,
  msg: InboundMessage,
  io: EventIo = eventIoAlone(deps.db),
  leaseOwner?: string,
): Promise<void> {
  msg = cleanInbound(msg);
  const { db } = deps;
  const now = deps.clock.now();
  const loaded = await io.load(senderOf(msg, now));
  const { identity, member } = loaded;
  let conversation = loaded.conversation;
  const activeMember = member && member.status !== 'deleted' ? member : null;
  const lang = activeMember?.lang ?? langFromClient(msg.languageCode ?? identity.clientLang);

  const writes: Write[] = [];
  const outgoing: OutboxInsert[] = [];
  const replies: OutboxInsert[] = [];
  let conversationExpired = false;
  if (conversation && conversation.expiresAt.getTime() <= now.getTime()) {
    writes.push(deleteConversationQuery(db, identity.id), ...(registry.dropHooks.get(conversation.flow)?.(db, identity.id) ?? []));
    conversation = null;
    conversationExpired = true;
  }
  // On Telegram a person can only write to a bot they have not blocked: a private message from
  // someone marked unfollowed (a block, or a push refused with 403) means they unblocked it. A
  // group message says nothing about their private chat.
  if (msg.platform === 'telegram' && msg.isPrivate && identity.unfollowedAt && msg.kind !== 'unfollow' && msg.kind !== 'follow') {
    writes.push(setUnfollowedQuery(db, identity.id, null));
  }

  const ctx: HandlerContext = {
    deps,
    msg,
    now,
    identity,
    member: activeMember,
    role: activeMember?.role ?? null,
    lang,
    t: messagesFor(lang),
    conversation,
    reply(message) {
      const m: OutboundMessage = typeof message === 'string' ? textMessage(message) : message;
      replies.push({
        idempotencyKey: replyKey(msg.eventKey, replies.length),
        ref: 'reply',
        platform: msg.platform,
        chatId: msg.chatId,
        identityId: identity.id,
        memberId: activeMember?.id ?? null,
        message: m,
      });
    },
    enqueue(row) {
      outgoing.push(row);
    },
    write(q) {
      writes.push(q);
    },
    startConversation(flow, step, data, ttlMs = CONVERSATION_TTL_MS) {
      writes.push(upsertConversationQuery(db, { identityId: identity.id, flow, step, data, now, ttlMs }));
      ctx.conversation = { flow, step, data, expiresAt: new Date(now.getTime() + ttlMs) };
    },
    updateConversation(step, data) {
      const flow = ctx.conversation?.flow;
      if (!flow) throw new Error('updateConversation without an open conversation');
      const ttl = CONVERSATION_TTL_MS;
      writes.push(upsertConversationQuery(db, { identityId: identity.id, flow, step, data, now, ttlMs: ttl }));
      ctx.conversation = { ...ctx.conversation!, step, data, expiresAt: new Date(now.getTime() + ttl) };
    },
    endConversation() {
      writes.push(deleteConversationQuery(db, identity.id));
      ctx.conversation = null;
    },
  };

  await route(ctx, registry, conversationExpired);
  // Welcome back: a member who missed today's digest (outside Zalo's window, or no private chat
  // on Telegram) gets it as soon as they write in private. Last in the batch, after this
  // message's own effects (a /xoa or a stop here wins).
  const revives = activeMember && msg.isPrivate && msg.kind !== 'unfollow' && msg.kind !== 'withdraw';
  if (revives) writes.push(welcomeBackQuery(db, { ref: digestRef(localDate(now, deps.env.TIMEZONE)), identityId: identity.id, privateChat: msg.isPrivate, now }));

  await io.commit({
    writes,
    outbox: outgoing,
    // At most 20 answered messages a minute per chat, then one "slow down" notice (SPEC §4):
    // decided in the database when the replies are inserted (db/queries/outbox.ts).
    replies: replies.length
      ? {
          rows: replies,
          eventKey: msg.eventKey,
          notice: {
            idempotencyKey: slowDownKey(msg.eventKey),
            ref: 'reply',
            platform: msg.platform,
            chatId: msg.chatId,
            identityId: identity.id,
            memberId: activeMember?.id ?? null,
            message: textMessage(ctx.t.slowDown()),
          },
        }
      : undefined,
    eventId,
    leaseOwner,
    at: now,
  });
  if (outgoing.length || replies.length || revives) deps.onQueued?.();
  if (msg.callbackId && deps.answerCallback) {
    deps.answerCallback(msg.callbackId).catch(() => undefined); // best effort: the button stops spinning
  }
}

async function route(ctx: HandlerContext, registry: Registry, conversationExpired: boolean): Promise<void> {
  const { msg } = ctx;
  switch (msg.kind) {
    case 'follow':
    case 'unfollow':
    case 'submit_info':
    case 'withdraw': {
      const h = registry.events[msg.kind];
      if (h) await h(ctx);
      else if (msg.kind === 'follow') ctx.reply(ctx.t.welcome());
      return;
    }
    case 'callback': {
      const sep = msg.text.indexOf(':');
      const prefix = sep >= 0 ? msg.text.slice(0, sep) : msg.text;
      const h = registry.callbacks.get(prefix);
      if (h) await h(ctx, sep >= 0 ? msg.text.slice(sep + 1) : '');
      return;
    }
    case 'other': {
      // Receipts and platform interactions carry no content; groups only see /commands.
      if (!msg.content || !msg.isPrivate) return;
      if (ctx.conversation) {
        const h = registry.nonText.get(ctx.conversation.flow);
        if (h) return h(ctx);
        return ctx.reply([unusableReason(ctx), ctx.t.answerInText()].join('\n'));
      }
      return unknownText(ctx);
    }
    case 'text': {
      // A Zalo button without a typed reply sends its callback data back as text.
      const m = /^([a-z_]+):(\S*)$/.exec(msg.text.trim());
      const h = m ? registry.callbacks.get(m[1]!) : undefined;
      if (h) return h(ctx, m![2]!);
      break;
    }
  }
  // Group chats: only explicit slash commands (a group is no place for conversations or hints).
  const command = matchCommand(msg.text);
  if (!msg.isPrivate && !command?.slash) return;

  if (ctx.conversation) {
    // Inside a conversation only a `/command` (or "thoat") interrupts: "không" or a name such as
    // "Hợp" must reach the conversation as an answer.
    const interrupts = command && (command.slash || command.name === 'thoat');
    if (!interrupts) {
      const h = registry.conversations.get(ctx.conversation.flow);
      if (h) return h(ctx, msg.text.normalize('NFC').trim());
      ctx.endConversation(); // a flow that no longer exists
    }
  }
  if (conversationExpired && !command) ctx.reply(ctx.t.conversationExpired());

  if (command) return runCommand(ctx, registry, command.name, command.args);

  for (const h of registry.textHandlers) if (await h(ctx)) return;
  await unknownText(ctx);
}

async function runCommand(ctx: HandlerContext, registry: Registry, name: CommandName, args: string): Promise<void> {
  const spec = COMMAND_BY_NAME.get(name)!;
  // Nothing personal is asked or shown in a group: point to the private chat instead (SPEC §6).
  if (spec.privateOnly && !ctx.msg.isPrivate) return ctx.reply(continueInPrivate(ctx, spec));
  // A deep link `t.me/<bot>?start=<command>` arrives as `/start <command>`: start that command.
  if (name === 'batdau' && ctx.msg.isPrivate) {
    const linked = deepLinkCommand(args);
    if (linked) return runCommand(ctx, registry, linked, '');
  }
  if (spec.audience === 'official' && ctx.role !== 'official') return ctx.reply(ctx.t.officialsOnly());
  if (spec.audience === 'lead' && ctx.role !== 'official' && ctx.role !== 'mcn_lead') return ctx.reply(ctx.t.officialsOrLeadsOnly());
  if (spec.audience === 'member' && !ctx.member?.registeredAt && ctx.role !== 'official') return ctx.reply(ctx.t.notRegistered());
  const handler = registry.commands.get(name);
  if (!handler) return ctx.reply(ctx.t.notAvailableYet());
  await handler(ctx, args);
}

/** A `/start` payload naming a command (`dangky`), as deep links from groups carry it. */
function deepLinkCommand(payload: string): CommandName | null {
  if (!/^[a-z]+$/.test(payload)) return null;
  const spec = COMMAND_BY_NAME.get(payload as CommandName);
  return spec && !spec.hidden && spec.name !== 'batdau' ? (spec.name as CommandName) : null;
}

/** The answer to a private command in a group: continue in the private chat (with a link that starts it on Telegram). */
function continueInPrivate(ctx: HandlerContext, spec: CommandSpec): OutboundMessage {
  const command = `/${ctx.lang === 'en' ? spec.en : spec.name}`;
  const bot = ctx.msg.platform === 'telegram' ? ctx.deps.telegramBotUsername : undefined;
  if (!bot) return textMessage(ctx.t.privateOnlyNoLink({ command }));
  const url = `https://t.me/${bot}?start=${spec.name}`;
  return {
    lines: ctx.t.privateOnly({ command, url }).split('\n'),
    buttons: [[{ label: ctx.t.privateOnlyButton(), data: 'private', url }]],
  };
}

/** The unknown-text hint, at most once per local day per identity. */
async function unknownText(ctx: HandlerContext): Promise<void> {
  const today = localDate(ctx.now, ctx.deps.env.TIMEZONE);
  // Every private message gets an answer (issue 19): the full hint once a day, then one line.
  if (ctx.identity.lastHintOn === today) return ctx.reply(ctx.t.unknownPointer());
  ctx.write(updateHintQuery(ctx.deps.db, ctx.identity.id, today));
  ctx.reply(ctx.t.unknownHint());
}

const updateHintQuery = (db: Db, identityId: number, day: string) =>
  db.update(chatIdentities).set({ lastHintOn: day }).where(eq(chatIdentities.id, identityId));

/** The input boundary of chat texts: whatever a handler stores comes from here, cleaned (SPEC §6). */
function cleanInbound(msg: InboundMessage): InboundMessage {
  return {
    ...msg,
    text: cleanText(msg.text),
    attachmentUrls: msg.attachmentUrls.map(cleanText),
    ...(msg.displayName === undefined ? {} : { displayName: cleanText(msg.displayName) }),
    ...(msg.submittedInfo === undefined
      ? {}
      : {
          submittedInfo: {
            ...(msg.submittedInfo.name === undefined ? {} : { name: cleanText(msg.submittedInfo.name) }),
            ...(msg.submittedInfo.phone === undefined ? {} : { phone: cleanText(msg.submittedInfo.phone) }),
          },
        }),
  };
}
