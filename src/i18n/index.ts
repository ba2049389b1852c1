// Pick the words for a language.
import type { Lang } from '../core/types';
import { vi, type Messages } from './vi';
import { en } from './en';

export type { Messages };

export function messagesFor(lang: Lang): Messages {
  return lang === 'en' ? en : vi;
}

/** A client language code (Telegram language_code) to one of ours; Vietnamese unless clearly English. */
export function langFromClient(code: string | undefined | null): Lang {
  return code && code.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
