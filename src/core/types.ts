// Platform-neutral shapes shared by the adapters (bots/*), the use-cases and the outbox.
// Everything here is plain data (JSON-serialisable) so it can be stored and replayed.

export const PLATFORMS = ['telegram', 'zalo'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type Role = 'creator' | 'mcn_lead' | 'official';
export type Lang = 'vi' | 'en';

/** What kind of inbound event an adapter produced. */
export type InboundKind =
  | 'text' // a text message (also Zalo user_send_link, images with captions)
  | 'callback' // a Telegram inline-button press (callbackData set)
  | 'follow' // Zalo follow; Telegram: the person unblocked the bot
  | 'unfollow' // Zalo unfollow; Telegram: the person blocked the bot
  | 'submit_info' // Zalo user_submit_info (form answer)
  | 'withdraw' // Zalo user_withdraw: the person asks for their data to be deleted
  | 'other'; // no text Loa can use: `content` says what it was (sticker, photo without text, contact...)

/**
 * What a message without usable text carried. Inside a conversation each gets a reason and the
 * same question again (a shared contact can answer the phone step); never dropped silently.
 */
export type InboundContent = 'sticker' | 'photo' | 'gif' | 'video' | 'voice' | 'audio' | 'file' | 'location' | 'contact' | 'poll' | 'other';

/** One message from a person, after the platform adapter translated it. */
export interface InboundMessage {
  platform: Platform;
  /** Unique per platform event: Telegram `tg:<update_id>`, Zalo `zalo:<msg_id>` or a derived key. */
  eventKey: string;
  kind: InboundKind;
  /** The person's id on that platform (Telegram user id, Zalo OA-scoped user id), as a string. */
  externalUserId: string;
  /** Where replies go (Telegram chat id; on Zalo the user id). */
  chatId: string;
  /** True when the message came from a private (1:1) chat. Group chats only see commands. */
  isPrivate: boolean;
  /** Text as NFC (may be empty). For callbacks, the button's data. */
  text: string;
  /** URLs that came as attachments or entities rather than in the text itself. */
  attachmentUrls: string[];
  /** Telegram callback_query id, to be answered. */
  callbackId?: string;
  /** Display name as the platform reports it. Personal data: never log it. */
  displayName?: string;
  /** The client's language (Telegram language_code), used before a member chose one. */
  languageCode?: string;
  /** Set for a message of kind `other` that the person sent (not for platform events such as Zalo user_click_chatnow). */
  content?: InboundContent;
  /** A Telegram contact shared by the person: its phone, and the Telegram user it belongs to. Personal data. */
  contact?: { phone: string; userId?: string };
  /** Zalo user_submit_info answers. Personal data: never log it. */
  submittedInfo?: { name?: string; phone?: string };
  /** When the platform says the event happened (ISO string). */
  sentAt: string;
}

/** A piece of rich text; senders render it for their platform (HTML on Telegram, plain on Zalo). */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Makes the span a link. */
  href?: string;
}

/** One line of rich text. A plain string is a plain line. */
export type Line = string | Span[];

/**
 * A button. On Telegram it sends `data` back as callback_data (≤ 64 bytes, `prefix:rest`, routed
 * to registry.callbacks[prefix]); on Zalo a tap sends `reply` back as the user's own text (a typed
 * command such as `thamdu 12`, so typing it works too), or `data` when `reply` is not set.
 */
export interface Button {
  label: string;
  data: string;
  /** What a Zalo tap sends back as text; defaults to `data`. */
  reply?: string;
  /** Opens a URL instead of sending data back. */
  url?: string;
}

/** A message Loa wants to send, before a platform renders it. */
export interface OutboundMessage {
  lines: Line[];
  /** Rows of buttons. */
  buttons?: Button[][];
  /**
   * A document to attach. Telegram uploads `content` as a file (sendDocument by URL only accepts
   * PDF, ZIP and GIF); Zalo, which cannot receive such files from an OA, gets the `url` as a link.
   */
  document?: { filename: string; url?: string; content?: string; mimeType?: string; caption?: string };
  /**
   * Telegram: asks for the person's own phone number with a one-time reply keyboard whose first
   * button shares it (`request_contact`); the message's `buttons` become keyboard buttons that
   * send their label. Zalo ignores it and shows the buttons as usual.
   */
  requestContact?: { label: string };
  /** Telegram: removes a reply keyboard shown earlier (`remove_keyboard`). Ignored on Zalo. */
  removeKeyboard?: boolean;
  /**
   * Zalo only: send this approved (paid) ZBS template instead of a consultation message; it may go
   * to a member outside the 7-day window (SPEC §4). `lines` keep the same words for the record.
   */
  zaloTemplate?: { templateId: string; data: Record<string, string> };
}

export interface Clock {
  now(): Date;
  /**
   * Wait until `ms` of this clock's time have passed. The system clock waits on a timer; a test
   * clock moves its own time forward at once, so pacing (the rate limiter) never waits on the wall
   * clock in tests. Missing = a timer.
   */
  sleep?(ms: number): Promise<void>;
}

export const sleepMs = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const systemClock: Clock = { now: () => new Date(), sleep: sleepMs };

/** Wait `ms` on `clock`'s time (a timer when the clock has no sleep of its own). */
export const sleepOn = (clock: Clock, ms: number): Promise<void> => (clock.sleep ? clock.sleep(ms) : sleepMs(ms));
