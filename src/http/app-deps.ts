// What createApp needs. Platform adapters are passed in as functions so src/http never imports bots/.
import type { CoreDeps } from '../core/context';
import type { Inbox } from '../core/inbox';
import type { MetricsEndpoint } from '../core/metrics';
import type { InboundMessage, OutboundMessage } from '../core/types';

export interface TelegramWebhook {
  secret: string;
  /** Hands a parsed update to the bot (which stores it through the inbox); rejects on failure. */
  handleUpdate(update: unknown): Promise<unknown>;
}

export type ZaloEventClass = 'message' | 'follow' | 'unfollow' | 'submit_info' | 'withdraw' | 'echo' | 'receipt' | 'ignored';

export interface ZaloWebhook {
  appId: string;
  verifySignature(input: { rawBody: string; timestamp: string; header: string | undefined }): Promise<boolean>;
  /** Maps a parsed event; null for echoes, receipts and events Loa does not handle. */
  toInbound(event: unknown): InboundMessage | null;
}

/** How a message will look on each platform: the senders' own renderers (console previews). */
export interface MessagePreviews {
  /** Telegram HTML (parse_mode HTML, escaped by the renderer), one string per message sent. */
  telegram(message: OutboundMessage): string[];
  /** Zalo plain-text parts with their buttons. */
  zalo(message: OutboundMessage): { text: string; buttons?: { label: string }[] }[];
}

export interface AppDeps {
  core: CoreDeps;
  inbox: Inbox;
  previews?: MessagePreviews;
  telegram?: TelegramWebhook;
  zalo?: ZaloWebhook;
  /** GET /metrics (Node with prom-client); absent: 404. */
  metrics?: MetricsEndpoint;
}
