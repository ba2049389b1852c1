// Chat scenarios written once and run on both runtimes: on Node through test/support/harness.ts
// (test/worker/node/scenarios.test.ts) and inside workerd through the Worker's fetch handler
// (test/worker/workerd/scenarios.test.ts). Runtime-neutral on purpose: no node:* imports, Web
// Crypto for the Zalo signature. Ids are random so the scenarios can share one database.
import { expect } from 'vitest';
import { BOT_USERNAME, TG_SECRET, ZALO_APP_ID, ZALO_OA_SECRET } from './constants';

export * from './constants';

export interface SentZalo {
  userId: string;
  text: string;
}

/** What a scenario needs from a runtime. */
export interface ScenarioDriver {
  /** The app's clock (events must be fresh by it). */
  now(): Date;
  /** POSTs a raw body to the app (the answer, before background work). */
  post(path: string, body: string, headers?: Record<string, string>): Promise<Response>;
  /** Waits until everything posted so far is processed and its replies are sent. */
  settle(): Promise<void>;
  /** Successful sendMessage/sendDocument payloads to a chat, from the fake Bot API. */
  tgSent(chatId: string | number): Promise<Record<string, unknown>[]>;
  /** Methods called on the fake Bot API so far. */
  tgMethods(): Promise<string[]>;
  /** Successful CS messages to a Zalo user, from the fake OA API. */
  zaloSent(userId: string): Promise<SentZalo[]>;
}

export interface Scenario {
  name: string;
  run(d: ScenarioDriver): Promise<void>;
}

let seq = Math.floor(Math.random() * 1e6);
const uniqueId = () => 700_000_000 + Math.floor(Math.random() * 1e8) + seq++;

export function tgUpdate(userId: number, text: string, updateId = uniqueId()) {
  return {
    update_id: updateId,
    message: {
      message_id: seq++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Test' },
      from: { id: userId, is_bot: false, first_name: 'Test', language_code: 'vi' },
      text,
      ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {}),
    },
  };
}

export function zaloTextEvent(userId: string, text: string, at: Date, msgId = `msg${uniqueId()}`) {
  return {
    app_id: ZALO_APP_ID,
    sender: { id: userId },
    user_id_by_app: `app-${userId}`,
    recipient: { id: '4150937291048362718' },
    event_name: 'user_send_text',
    message: { text, msg_id: msgId },
    timestamp: String(at.getTime()),
  };
}

export function zaloFollowEvent(userId: string, at: Date) {
  return {
    app_id: ZALO_APP_ID,
    oa_id: '4150937291048362718',
    follower: { id: userId },
    user_id_by_app: `app-${userId}`,
    event_name: 'follow',
    source: 'oa_profile',
    timestamp: String(at.getTime()),
  };
}

/** Zalo's X-ZEvent-Signature: `mac=` + sha256(appId + body + timestamp + OA secret key). */
export async function signZaloBody(rawBody: string, timestamp: string): Promise<string> {
  const bytes = new TextEncoder().encode(ZALO_APP_ID + rawBody + timestamp + ZALO_OA_SECRET);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `mac=${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const postTelegram = (d: ScenarioDriver, update: object, secret: string | null = TG_SECRET) =>
  d.post('/webhooks/telegram', JSON.stringify(update), secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret });

export async function postZalo(d: ScenarioDriver, event: { timestamp: string }, signature?: string | null) {
  const raw = JSON.stringify(event);
  const sig = signature === undefined ? await signZaloBody(raw, event.timestamp) : signature;
  return d.post('/webhooks/zalo', raw, sig === null ? {} : { 'x-zevent-signature': sig });
}

export const newTelegramUser = () => uniqueId();
export const newZaloUser = () => String(6_000_000_000_000_000_000n + BigInt(uniqueId()));

export const scenarios: Scenario[] = [
  {
    name: 'Telegram: /start gets the Vietnamese welcome through the Bot API, without getMe',
    async run(d) {
      const user = newTelegramUser();
      const res = await postTelegram(d, tgUpdate(user, '/start'));
      expect(res.status).toBe(200);
      await d.settle();
      const sent = await d.tgSent(user);
      expect(sent).toHaveLength(1);
      expect(String(sent[0]!.text)).toContain('Xin chào! Đây là Loa');
      expect(sent[0]!.parse_mode).toBe('HTML');
      expect(await d.tgMethods()).not.toContain('getMe');
    },
  },
  {
    name: 'Telegram: /start@BotName is understood',
    async run(d) {
      const user = newTelegramUser();
      await postTelegram(d, tgUpdate(user, `/start@${BOT_USERNAME}`));
      await d.settle();
      expect(String((await d.tgSent(user))[0]?.text)).toContain('Xin chào');
    },
  },
  {
    name: 'Telegram: a wrong or missing secret gets 401 and no reply',
    async run(d) {
      const user = newTelegramUser();
      const wrong = await postTelegram(d, tgUpdate(user, '/start'), 'wrong-secret');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: 'unauthorized' });
      expect((await postTelegram(d, tgUpdate(user, '/start'), null)).status).toBe(401);
      await d.settle();
      expect(await d.tgSent(user)).toHaveLength(0);
    },
  },
  {
    name: 'Telegram: the same update twice is answered once',
    async run(d) {
      const user = newTelegramUser();
      const update = tgUpdate(user, '/start');
      expect((await postTelegram(d, update)).status).toBe(200);
      expect((await postTelegram(d, update)).status).toBe(200);
      await d.settle();
      expect(await d.tgSent(user)).toHaveLength(1);
    },
  },
  {
    name: 'Telegram: "tro giup" lists the commands a creator may use',
    async run(d) {
      const user = newTelegramUser();
      await postTelegram(d, tgUpdate(user, 'Trợ Giúp'));
      await d.settle();
      const text = String((await d.tgSent(user))[0]?.text);
      expect(text).toContain('/dangky');
      expect(text).not.toContain('/thongbao');
    },
  },
  {
    name: 'Telegram: broken JSON gets 400 malformed_json',
    async run(d) {
      const res = await d.post('/webhooks/telegram', '{"update_id": 1, "message": {', { 'x-telegram-bot-api-secret-token': TG_SECRET });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'malformed_json' });
    },
  },
  {
    name: 'Zalo: "bat dau" gets the Vietnamese welcome through the OA API',
    async run(d) {
      const user = newZaloUser();
      const res = await postZalo(d, zaloTextEvent(user, 'bat dau', d.now()));
      expect(res.status).toBe(200);
      await d.settle();
      const sent = await d.zaloSent(user);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.text).toContain('Xin chào! Đây là Loa');
    },
  },
  {
    name: 'Zalo: a forged or missing signature gets 401 and no reply',
    async run(d) {
      const user = newZaloUser();
      const ev = zaloTextEvent(user, 'bat dau', d.now());
      expect((await postZalo(d, ev, 'mac=' + '0'.repeat(64))).status).toBe(401);
      expect((await postZalo(d, ev, null)).status).toBe(401);
      await d.settle();
      expect(await d.zaloSent(user)).toHaveLength(0);
    },
  },
  {
    name: 'Zalo: the same msg_id twice is answered once',
    async run(d) {
      const user = newZaloUser();
      const ev = zaloTextEvent(user, 'bat dau', d.now());
      await postZalo(d, ev);
      await postZalo(d, { ...ev, timestamp: String(Number(ev.timestamp) + 1) });
      await d.settle();
      expect(await d.zaloSent(user)).toHaveLength(1);
    },
  },
  {
    name: 'Zalo: 22 messages at once from one person: 20 answers, then one "slow down" notice (SPEC §4)',
    async run(d) {
      const user = newZaloUser();
      const at = d.now();
      const results = await Promise.all(Array.from({ length: 22 }, () => postZalo(d, zaloTextEvent(user, 'tro giup', at))));
      expect(results.every((r) => r.status === 200)).toBe(true);
      await d.settle();
      const texts = (await d.zaloSent(user)).map((m) => m.text);
      const isNotice = (t: string) => t.includes('gửi tin nhắn quá nhanh');
      expect(texts).toHaveLength(21);
      expect(texts.filter(isNotice)).toHaveLength(1);
      expect(isNotice(texts.at(-1)!)).toBe(true);
    },
  },
  {
    name: 'Zalo: a new follower is welcomed',
    async run(d) {
      const user = newZaloUser();
      await postZalo(d, zaloFollowEvent(user, d.now()));
      await d.settle();
      expect((await d.zaloSent(user))[0]?.text).toContain('Xin chào');
    },
  },
];
