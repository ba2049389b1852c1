// The command matcher of SPEC §3: ignores case, Vietnamese diacritics, spaces inside the command
// word, a leading `/` and a Telegram `@BotName`. "/dangky", "dang ky", "Đăng Ký" and "/register"
// are the same command.
import { foldForMatch } from '../text/fold';
import { COMMANDS, type CommandName, type CommandSpec } from './catalog';

export interface MatchedCommand {
  name: CommandName;
  spec: CommandSpec;
  /** The rest of the message after the command word, trimmed, as typed (NFC). */
  args: string;
  /** Whether the message started with `/`. */
  slash: boolean;
}

const ALIASES = new Map<string, CommandSpec>();
for (const c of COMMANDS) for (const a of c.aliases) ALIASES.set(a, c);
const MAX_WORDS = 3;

/**
 * Returns the command a message asks for, or null. Without a leading `/`, a command that takes
 * no arguments must be the whole message ("tin tức hôm nay" is not /tin), and one that takes
 * arguments must have some ("không" alone is an answer, "khong 12" declines briefing 12).
 */
export function matchCommand(input: string): MatchedCommand | null {
  const text = input.normalize('NFC').trim();
  if (!text) return null;
  const slash = text.startsWith('/');
  const body = slash ? text.slice(1).trimStart() : text;
  // Words as typed, and the same words folded; folding keeps whitespace, so indexes line up.
  const words = body.split(/\s+/);
  const first = words[0] ?? '';
  const at = first.indexOf('@');
  if (at > 0) words[0] = first.slice(0, at); // /start@LoaBot
  // Only the first words can be the command: fold just those (messages may carry 50 links).
  const folded = words.slice(0, MAX_WORDS).map((w) => foldForMatch(w).replace(/[^\p{L}\p{N}]/gu, ''));
  for (let n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
    const spec = ALIASES.get(folded.slice(0, n).join(''));
    if (!spec) continue;
    const args = words.slice(n).join(' ').trim();
    if (!slash) {
      if (!spec.takesArgs && args) return null;
      if (spec.takesArgs && !args && !spec.bareAlone) return null;
    }
    return { name: spec.name as CommandName, spec, args: argsAsTyped(body, n), slash };
  }
  return null;
}

/** The text after the first n words, keeping the original spacing and line breaks. */
function argsAsTyped(body: string, n: number): string {
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  let end = 0;
  for (let i = 0; i < n && (m = re.exec(body)); i++) end = m.index + m[0].length;
  return body.slice(end).trim();
}
