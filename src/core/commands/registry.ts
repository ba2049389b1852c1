// The handler registry: features register command handlers, conversation flows, button
// callbacks, platform events and free-text handlers here. src/core/features.ts wires them up.
import type { CommandName } from './catalog';
import type { HandlerContext } from './handler-context';

export type CommandHandler = (ctx: HandlerContext, args: string) => Promise<void>;
/** Handles one answer in an open conversation of its flow. */
export type ConversationHandler = (ctx: HandlerContext, text: string) => Promise<void>;
/** A button press; `data` is the callback data after the prefix and `:`. */
export type CallbackHandler = (ctx: HandlerContext, data: string) => Promise<void>;
/** Free text that is no command and no conversation answer; returns true if it took it. */
export type TextHandler = (ctx: HandlerContext) => Promise<boolean>;
export type EventHandler = (ctx: HandlerContext) => Promise<void>;

export interface Registry {
  commands: Map<CommandName, CommandHandler>;
  conversations: Map<string, ConversationHandler>;
  callbacks: Map<string, CallbackHandler>;
  /** Tried in order for free text outside conversations (e.g. link reports). */
  textHandlers: TextHandler[];
  events: Partial<Record<'follow' | 'unfollow' | 'submit_info' | 'withdraw', EventHandler>>;
}

export function createRegistry(): Registry {
  return { commands: new Map(), conversations: new Map(), callbacks: new Map(), textHandlers: [], events: {} };
}
