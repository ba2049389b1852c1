// The hot path of every inbound event, in as few statements as possible and shared by the events
// handled at the same time: the identities with their open conversations in one query, the
// missing identities created in one insert, the members in one query.
import { getTableColumns, getTableName, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { prebuiltAll, prebuiltRun, valuesStatement } from '../prebuilt';
import { chatIdentities, conversations, inboundEvents, members } from '../schema';
import type { IdentityRow, MemberRow } from './identities';
import type { ConversationRow } from '../../src/core/conversations/conversation-store';
import type { Platform } from '../../src/core/types';

/** The conversation columns routing and handlers need (libsql converts every selected column, so fewer is faster). */
const conversationColumns = {
  flow: conversations.flow,
  step: conversations.step,
  data: conversations.data,
  expiresAt: conversations.expiresAt,
};

export type InboundIdentity = IdentityRow;
export type OpenConversation = { [K in keyof typeof conversationColumns]: ConversationRow[K] };

export interface InboundContextInput {
  platform: Platform;
  externalId: string;
  /** The person's private chat (the external id on both platforms). */
  chatId: string;
  /** The event came through the person's private chat with the bot (not a group). */
  privateChat: boolean;
  clientLang?: string | undefined;
  at: Date;
  /**
   * The stored event this sender comes from: recorded only while that event still waits to be
   * processed (its payload is there). A redelivered event (the same key again) whose original
   * was handled, or cleared by /xoa, records nobody: a deleted person does not come back.
   */
  eventKey?: string | undefined;
}

export interface InboundContextRows {
  identity: InboundIdentity;
  member: MemberRow | null;
  conversation: OpenConversation | null;
  /** True when this event created the identity. */
  created: boolean;
}

// The lookup, built by hand from the schema's columns (db/prebuilt.ts): every identity column and
// the open conversation's, decoded by the columns themselves. drizzle's select mapped these rows
// at ~11 µs per event (profiled), most of it generic bookkeeping. The keys travel as one JSON
// array, so one statement serves any number of events.
const identityFields = Object.entries(getTableColumns(chatIdentities));
const conversationFields = Object.entries(conversationColumns);
const findText =
  `SELECT ${identityFields.map(([, c]) => `i."${c.name}"`).join(', ')}, ${conversationFields.map(([, c]) => `c."${c.name}"`).join(', ')}
  FROM "${getTableName(chatIdentities)}" i LEFT JOIN "${getTableName(conversations)}" c ON c."${conversations.identityId.name}" = i."${chatIdentities.id.name}"
  WHERE (i."${chatIdentities.platform.name}", i."${chatIdentities.externalId.name}") IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))`;

const decode = (column: { mapFromDriverValue(v: unknown): unknown }, value: unknown) => (value === null ? null : column.mapFromDriverValue(value));

async function findIdentities(db: Db, keys: string): Promise<{ identity: InboundIdentity; conversation: OpenConversation | null }[]> {
  const rows = await prebuiltAll<Record<number, unknown>>(db, { sql: findText, params: [keys] });
  return rows.map((row) => {
    const identity: Record<string, unknown> = {};
    identityFields.forEach(([key, column], i) => (identity[key] = decode(column, row[i])));
    const base = identityFields.length;
    // A left join without a conversation gives nulls, and flow is never null in a stored one.
    let conversation: Record<string, unknown> | null = null;
    if (row[base] !== null) {
      conversation = {};
      conversationFields.forEach(([key, column], i) => (conversation![key] = decode(column, row[base + i])));
    }
    return { identity: identity as InboundIdentity, conversation: conversation as OpenConversation | null };
  });
}

const keyOf = (platform: string, externalId: string) => `${platform}\u0000${externalId}`;

/**
 * Finds the identity, its open conversation and its member for each input, in two statements
 * whatever the number of inputs; inputs for the same person share one result. The inbox creates
 * identities when it stores events (recordSendersQuery); one still missing (an event retried after
 * /xoa, or processed without the inbox) is recorded the same way here and read back.
 */
export async function loadInboundContexts(db: Db, inputs: readonly InboundContextInput[]): Promise<InboundContextRows[]> {
  if (inputs.length === 0) return [];
  const unique = new Map<string, InboundContextInput>();
  for (const i of inputs) {
    const k = keyOf(i.platform, i.externalId);
    if (!unique.has(k)) unique.set(k, i);
  }

  const found = new Map<string, { identity: InboundIdentity; conversation: OpenConversation | null; created: boolean }>();
  const keys = JSON.stringify([...unique.values()].map((i) => [i.platform, i.externalId]));
  for (const r of await findIdentities(db, keys)) {
    found.set(keyOf(r.identity.platform, r.identity.externalId), { identity: r.identity, conversation: r.conversation, created: false });
  }
  const missing = [...unique].filter(([k]) => !found.has(k)).map(([, i]) => i);
  if (missing.length) {
    // First contact outside the inbox: the same sender record the inbox writes, then read back
    // (whatever became of the stored event: this one is being processed).
    await recordSendersQuery(
      db,
      missing.map((i) => ({ ...i, eventKey: undefined })),
    );
    const again = JSON.stringify(missing.map((i) => [i.platform, i.externalId]));
    for (const r of await findIdentities(db, again)) {
      found.set(keyOf(r.identity.platform, r.identity.externalId), { identity: r.identity, conversation: r.conversation, created: true });
    }
  }

  const memberIds = [...new Set([...found.values()].flatMap((f) => (f.identity.memberId == null ? [] : [f.identity.memberId])))];
  const memberById = new Map<number, MemberRow>();
  if (memberIds.length) for (const m of await db.select().from(members).where(inArray(members.id, memberIds))) memberById.set(m.id, m);

  return inputs.map((i) => {
    const f = found.get(keyOf(i.platform, i.externalId));
    if (!f) throw new Error('inbound identity neither found nor created');
    const member = f.identity.memberId == null ? null : (memberById.get(f.identity.memberId) ?? null);
    return { identity: f.identity, conversation: f.conversation, member, created: f.created };
  });
}

const upsertIdentitiesText = valuesStatement(
  `INSERT INTO "${getTableName(chatIdentities)}" (platform, external_id, chat_id, client_lang, last_inbound_at, private_chat_at, created_at)
    SELECT column1, column2, column3, column4, column5, column6, column7 FROM (`,
  8,
  `) WHERE column8 IS NULL OR EXISTS (SELECT 1 FROM "${getTableName(inboundEvents)}" e
      WHERE e."${inboundEvents.eventKey.name}" = column8 AND e."${inboundEvents.payload.name}" IS NOT NULL)
    ON CONFLICT (platform, external_id) DO UPDATE SET last_inbound_at = max(coalesce(last_inbound_at, 0), excluded.last_inbound_at),
    client_lang = coalesce(excluded.client_lang, client_lang), private_chat_at = coalesce(private_chat_at, excluded.private_chat_at)`,
);

/**
 * Records the senders of stored events, with the inbox's store and in the same commit (after the
 * events' insert): a new person gets an identity, a known one its "last inbound" time (the Zalo
 * 7-day window counts from it; never moved back), client language and, from its first private
 * event, that it has a private chat with the bot. Processing then finds every identity. A sender
 * with an `eventKey` is recorded only if that event is still to be processed: a duplicate of a
 * handled event (a second `user_withdraw`, an update redelivered after /xoa) creates no one.
 */
export function recordSendersQuery(db: Db, senders: readonly InboundContextInput[]) {
  const params: (string | number | null)[] = [];
  for (const i of senders)
    params.push(i.platform, i.externalId, i.chatId, i.clientLang ?? null, i.at.getTime(), i.privateChat ? i.at.getTime() : null, i.at.getTime(), i.eventKey ?? null);
  return prebuiltRun(db, { sql: upsertIdentitiesText(senders.length), params });
}
