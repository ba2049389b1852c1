// The words of a name as the console's member search stores and looks them up: ASCII lower case,
// Vietnamese diacritics removed (đ → d), a few punctuation marks as spaces. The database folds
// names with the same table in SQL (migration 0020_member_name_words: SQLite's lower() is ASCII
// only, so both sides do exactly this and agree on every name, whatever its script).

/** Letters with Vietnamese diacritics (both cases) and the ASCII letter they fold to. */
export const NAME_FOLD: readonly (readonly [string, string])[] = [
  ...'ÀÁÂÃàáâãĂăẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặ'.split('').map((c) => [c, 'a'] as const),
  ...'ÈÉÊèéêĔĕẸẹẺẻẼẽẾếỀềỂểỄễỆệ'.split('').map((c) => [c, 'e'] as const),
  ...'ÌÍÎìíîĨĩĬĭỈỉỊị'.split('').map((c) => [c, 'i'] as const),
  ...'ÒÓÔÕòóôõŎŏƠơṌṍỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợ'.split('').map((c) => [c, 'o'] as const),
  ...'ÙÚÛùúûŨũŬŭƯưṸṹỤụỦủỨứỪừỬửỮữỰự'.split('').map((c) => [c, 'u'] as const),
  ...'ÝýŶŷỲỳỴỵỶỷỸỹ'.split('').map((c) => [c, 'y'] as const),
  ['đ', 'd'],
  ['Đ', 'd'],
];

/** Marks read as word breaks ("Ánh-Tuyết" is two words). */
export const NAME_BREAKS = ['-', '.', ',', '_', '(', ')', '"', "'", '/'] as const;

const FOLD_MAP = new Map(NAME_FOLD);

/** A name (or a search) folded as the database folds names. */
export function foldName(s: string): string {
  let out = '';
  for (const ch of [...s.normalize('NFC')].slice(0, NAME_INDEX_CHARS)) {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
    else if (FOLD_MAP.has(ch)) out += FOLD_MAP.get(ch);
    else if ((NAME_BREAKS as readonly string[]).includes(ch)) out += ' ';
    else out += ch;
  }
  return out;
}

/** The distinct words of a name, folded. */
export function nameWords(s: string): string[] {
  return [...new Set(foldName(s).split(' ').filter(Boolean))];
}

/** Names are indexed up to this many characters (registration allows 100). */
export const NAME_INDEX_CHARS = 256;

/**
 * SQL that folds `expr` like foldName, as a one-row subquery with the column `x` (for the
 * migration's triggers). One character at a time, through a lookup string: a chain of 160 nested
 * replace() calls overflows SQLite's parser stack, and triggers may not use a recursive CTE.
 */
export function foldNameSql(expr: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const steps: [string, string][] = [...NAME_FOLD.map(([f, t]): [string, string] => [f, t]), ...NAME_BREAKS.map((b): [string, string] => [b, ' '])];
  const from = q(steps.map(([f]) => f).join(''));
  const to = q(steps.map(([, t]) => t).join(''));
  const positions = q(JSON.stringify(Array.from({ length: NAME_INDEX_CHARS }, (_, i) => i + 1)));
  const ch = `substr(${expr}, p.value, 1)`;
  return `(SELECT coalesce(group_concat(CASE WHEN instr(${from}, ${ch}) > 0 THEN substr(${to}, instr(${from}, ${ch}), 1) ELSE lower(${ch}) END, ''), '') AS x FROM json_each(${positions}) p WHERE p.value <= length(${expr}))`;
}

/** The words of `expr` as rows (`w.value`), for INSERT … SELECT: `FROM <this>`. */
export function nameWordsSql(expr: string): string {
  return `${foldNameSql(expr)} f, json_each('[' || replace(json_quote(f.x), ' ', '","') || ']') w`;
}
