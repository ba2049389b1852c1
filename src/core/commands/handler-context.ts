// The context a handler works with. Handlers read through ctx.db and collect their writes and
// replies; the processor commits them in ONE batch together with "event done", so an event's
// effects and its outbox rows land together or not at all.
import type { BatchItem } from 'drizzle-orm/batch';
import type { CoreDeps } from '../context';
import type { MemberRow } from '../../../db/queries/identities';
import type { InboundIdentity, OpenConversation } from '../../../db/queries/inbound-context';
import type { OutboxInsert } from '../../../db/queries/outbox';
import type { Messages } from '../../i18n';
import type { InboundMessage, Lang, OutboundMessage, Role } from '../types';

export type Write = BatchItem<'sqlite'>;

export interface HandlerContext {
  deps: CoreDeps;
  msg: InboundMessage;
  now: Date;
  identity: InboundIdentity;
  /** The member behind this identity, if registered (or an official from configuration). */
  member: MemberRow | null;
  role: Role | null;
  lang: Lang;
  t: Messages;
  /** The identity's open (not expired) conversation, if any. */
  conversation: OpenConversation | null;
  /** Reply to the sender (queued in the outbox with this event's writes). */
  reply(message: OutboundMessage | string): void;
  /** Queue a message to someone else (or many); keys make it idempotent. */
  enqueue(row: OutboxInsert): void;
  /** Add a write to this event's batch. */
  write(query: Write): void;
  /** Start (or replace) this identity's conversation. */
  startConversation(flow: string, step: string, data: Record<string, unknown>, ttlMs?: number): void;
  /** Move the open conversation to another step/data. */
  updateConversation(step: string, data: Record<string, unknown>): void;
  /** Close the open conversation. */
  endConversation(): void;
}

/** A plain text reply as an OutboundMessage. */
export const textMessage = (text: string): OutboundMessage => ({ lines: text.split('\n') });
