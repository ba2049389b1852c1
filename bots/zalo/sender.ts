// The Zalo PlatformSender: renders plain-text parts and sends each with one CS call, mapping Zalo failures to DeliveryError for the outbox.
import { z } from 'zod';
import { DeliveryError } from '../../src/core/errors';
import type { OutboundMessage } from '../../src/core/types';
import type { PlatformSender, RenderedPart, SendResult } from '../../src/core/outbox/sender-port';
import type { ZaloClient, ZaloSendResult } from './client';
import { ZaloApiError, ZaloAuthError, ZaloHttpError, isZaloTokenErrorCode } from './errors';
import { ZALO_MAX_TEXT, buttonAsText, renderZaloMessage } from './render';

/** The app limit is per minute and the window resets each minute (zalo-oa.md §3). */
const RATE_LIMIT_BACKOFF_MS = 60_000;
/** -234 (night block, 22:00–06:00) should not hit CS messages; if it does, try again later rather than drop. */
const NIGHT_BLOCK_BACKOFF_MS = 30 * 60_000;

/** Parts come back from the outbox as stored JSON, so they are validated again before use. */
const ZaloPartSchema = z.object({
  text: z.string(),
  buttons: z.array(z.object({ label: z.string(), data: z.string(), reply: z.string().optional(), url: z.string().optional() })).optional(),
  template: z.object({ id: z.string().min(1), data: z.record(z.string(), z.string()) }).optional(),
});

/** Codes that are final for this recipient: recorded with a reason, never retried. */
const PERMANENT_REASONS: Record<number, string> = {
  [-213]: 'zalo_not_follower',
  [-227]: 'zalo_user_inactive',
  [-244]: 'zalo_user_restricted',
  [-218]: 'zalo_recipient_quota',
  [-201]: 'zalo_invalid_payload',
};

/** Codes that mean "outside the consultation window": Loa records them as skipped (SPEC §4), not as failures. */
const SKIPPED_REASONS: Record<number, string> = {
  [-230]: 'zalo_outside_window',
  [-232]: 'zalo_no_interaction',
};

// The mapping encodes zalo-oa.md §5: which codes are worth retrying, which recipient states are final, and which mean "skipped on purpose".

/** Maps anything the client throws to the dispatcher's vocabulary. Exported for the tests and the operator script. */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  if (err instanceof ZaloApiError) {
    const { code } = err;
    if (code === -32) return new DeliveryError('retry', 'zalo_rate_limited', RATE_LIMIT_BACKOFF_MS);
    if (code === -234) return new DeliveryError('retry', 'zalo_night_block', NIGHT_BLOCK_BACKOFF_MS);
    // The client already refreshed once and retried once: the token is still refused.
    if (isZaloTokenErrorCode(code)) return new DeliveryError('permanent', 'zalo_token_invalid');
    const skipped = SKIPPED_REASONS[code];
    if (skipped) return new DeliveryError('skipped', skipped);
    return new DeliveryError('permanent', PERMANENT_REASONS[code] ?? `zalo_error_${code}`);
  }
  if (err instanceof ZaloHttpError) {
    if (err.timedOut) return new DeliveryError('retry', 'zalo_timeout');
    const { status } = err;
    if (status === undefined) return new DeliveryError('retry', 'zalo_network_error');
    if (status === 429) return new DeliveryError('retry', 'zalo_http_429', err.retryAfterMs ?? RATE_LIMIT_BACKOFF_MS);
    if (status >= 500) return new DeliveryError('retry', `zalo_http_${status}`, err.retryAfterMs);
    if (status === 401) return new DeliveryError('permanent', 'zalo_token_invalid');
    // A 2xx here means an answer that was not Zalo JSON (a proxy page): treat like a server error.
    if (status < 300) return new DeliveryError('retry', 'zalo_bad_response');
    return new DeliveryError('permanent', `zalo_http_${status}`);
  }
  if (err instanceof ZaloAuthError) return new DeliveryError('permanent', 'zalo_token_invalid');
  // Our own failures (token store down...) are worth another try; the dispatcher caps attempts.
  return new DeliveryError('retry', 'zalo_internal_error');
}

function toSendResult(res: ZaloSendResult): SendResult {
  return res.messageId === undefined ? {} : { messageId: res.messageId };
}

export interface ZaloSenderOptions {
  /** 'text' writes buttons as lines instead of a button template (if an OA's templates are refused). */
  buttons?: 'template' | 'text';
}

export function createZaloSender(client: ZaloClient, opts: ZaloSenderOptions = {}): PlatformSender {
  // Set once a template got -201 and the same part then went through as plain text: the v3 button
  // shape is uncertain (zalo-oa.md §10.3), so later parts of this process skip the failing call.
  let templatesRefused = opts.buttons === 'text';

  function textWithButtons(text: string, buttons: { label: string; data: string; reply?: string; url?: string }[]): string {
    const withButtons = [text, ...buttons.map(buttonAsText)].filter((s) => s).join('\n');
    // Buttons are a convenience (users can type the same text): drop them rather than exceed the cap.
    return [...withButtons].length <= ZALO_MAX_TEXT ? withButtons : text;
  }

  return {
    platform: 'zalo',

    render(message: OutboundMessage): RenderedPart[] {
      return renderZaloMessage(message).map((part) => ({ ...part }));
    },

    async sendPart(chatId: string, rendered: RenderedPart): Promise<SendResult> {
      const parsed = ZaloPartSchema.safeParse(rendered);
      if (!parsed.success) throw new DeliveryError('permanent', 'zalo_invalid_part');
      const part = parsed.data;
      const buttons = part.buttons ?? [];
      try {
        if (part.template) return toSendResult(await client.sendZbsTemplate(chatId, part.template.id, part.template.data));
        if (buttons.length === 0) return toSendResult(await client.sendText(chatId, part.text));
        if (templatesRefused) return toSendResult(await client.sendText(chatId, textWithButtons(part.text, buttons)));
        try {
          return toSendResult(await client.sendTemplate(chatId, { text: part.text, buttons }));
        } catch (err) {
          if (!(err instanceof ZaloApiError && err.code === -201)) throw err;
        }
        const res = await client.sendText(chatId, textWithButtons(part.text, buttons));
        // Only now is it clear the -201 was about the template, not this recipient or text.
        templatesRefused = true;
        return toSendResult(res);
      } catch (err) {
        throw toDeliveryError(err);
      }
    },
  };
}
