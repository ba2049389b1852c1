// The handler registry: features register command handlers, conversation flows, button
// callbacks, platform events and free-text handlers here. src/core/features.ts wires them up.
import type { Db } from '../../../db/client';
import type { CommandName } from './catalog';
import type { HandlerContext, Write } from './handler-context';

export type CommandHandler = (ctx: HandlerContext, args: string) => Promise<void>;
/** Handles one answer in an open conversation of its flow. */
export type ConversationHandler = (ctx: HandlerContext, text: string) => Promise<void>;
/** A button press; `data` is the callback data after the prefix and `:`. */
export type CallbackHandler = (ctx: HandlerContext, data: string) => Promise<void>;
/** Free text that is no command and no conversation answer; returns true if it took it. */
export type TextHandler = (ctx: HandlerContext) => Promise<boolean>;
export type EventHandler = (ctx: HandlerContext) => Promise<void>;
/**
 * Writes to run when a conversation of a flow ends unfinished (`/thoat`, or 24 h of silence):
 * e.g. registration empties the delivered summary, which repeats the name and phone.
 */
export type DropHook = (db: Db, identityId: number) => Write[];

export interface Registry {
  commands: Map<CommandName, CommandHandler>;
  conversations: Map<string, ConversationHandler>;
  callbacks: Map<string, CallbackHandler>;
  /**
   * Per flow: a message without usable text (sticker, photo without caption, location, a shared
   * contact...) inside an open conversation. Answers with the reason and the same question again
   * (unusableReason); registration also takes a shared contact at the phone step. A flow without
   * one gets the reason and a generic "answer in text" line.
   */
  nonText: Map<string, EventHandler>;
  /** Tried in order for free text outside conversations (e.g. link reports). */
  textHandlers: TextHandler[];
  events: Partial<Record<'follow' | 'unfollow' | 'submit_info' | 'withdraw', EventHandler>>;
  /** Per flow: what to forget when a conversation of that flow is dropped unfinished. */
  dropHooks: Map<string, DropHook>;
}

export function createRegistry(): Registry {
  return { commands: new Map(), conversations: new Map(), nonText: new Map(), callbacks: new Map(), textHandlers: [], events: {}, dropHooks: new Map() };
}
