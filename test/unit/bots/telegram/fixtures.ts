// Loads the real-shaped Telegram updates kept in test/fixtures/telegram-updates.
import { readFileSync } from 'node:fs';

export type FixtureName =
  | 'private-start'
  | 'start-with-username'
  | 'group-command'
  | 'text-with-links'
  | 'photo-with-caption'
  | 'callback-query'
  | 'edited-message'
  | 'my-chat-member';

/** A fresh parsed copy on every call, so a test can mutate it. */
export function loadUpdate(name: FixtureName): Record<string, unknown> {
  const url = new URL(`../../../fixtures/telegram-updates/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}
