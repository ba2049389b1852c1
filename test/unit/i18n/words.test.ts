// The words of Loa, read as a whole (issue 19): one spelling ("xóa"), commands written as
// `/trogiup` in running Vietnamese text, every Vietnamese text with its English twin, and no line
// longer than a phone screen can show comfortably.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/core/commands/catalog';
import { en } from '../../../src/i18n/en';
import { vi } from '../../../src/i18n/vi';

const ROOT = join(__dirname, '../../../src/i18n');
const MAX_LINE = 300;

/** An argument that stands for any parameter: a string, a number, an object or a list. */
function anyValue(): unknown {
  const target = function () {} as unknown as object;
  const proxy: unknown = new Proxy(target, {
    get(_t, prop) {
      if (prop === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 2 : 'x');
      if (typeof prop === 'symbol') return undefined;
      if (prop === 'length') return 1;
      if (prop === 'join') return () => 'x';
      if (prop === 'map') return () => ['x'];
      return proxy;
    },
    apply: () => proxy,
  });
  return proxy;
}

/** Every text of a messages object rendered once: [key path, text]. */
function render(obj: unknown, path = ''): [string, string][] {
  if (typeof obj === 'string') return [[path, obj]];
  if (typeof obj === 'function') {
    const out = (obj as (...a: unknown[]) => unknown)(anyValue(), anyValue(), anyValue());
    return render(out, path);
  }
  if (Array.isArray(obj)) return obj.flatMap((v, i) => render(v, `${path}[${i}]`));
  if (obj && typeof obj === 'object') return Object.entries(obj).flatMap(([k, v]) => render(v, path ? `${path}.${k}` : k));
  return [];
}

/** Keys of a messages object, nested ones as a.b. */
function keys(obj: object, path = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keys(v as object, `${path}${k}.`) : [`${path}${k}`],
  );
}

/** The string literals of a source file (comments left out). */
function literals(file: string): string[] {
  const src = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  return [...src.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`|"((?:[^"\\\n]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const viFiles = readdirSync(join(ROOT, 'vi')).filter((f) => f.endsWith('.ts'));
const viLiterals = viFiles.flatMap((f) => literals(join(ROOT, 'vi', f)).map((s) => [f, s] as const));

/** Visible commands spelled without `/`, in one word ("trogiup") or in syllables ("tro giup"). */
const SYLLABLES: Record<string, string> = {
  batdau: 'bat dau',
  trogiup: 'tro giup',
  dangky: 'dang ky',
  tieptuc: 'tiep tuc',
  lienket: 'lien ket',
  ngonngu: 'ngon ngu',
  baocao: 'bao cao',
  thongke: 'thong ke',
  thongbao: 'thong bao',
  chiendich: 'chien dich',
  capquyen: 'cap quyen',
};
/** Command names that are also ordinary words or appear in addresses ("điểm tin", "web"). */
const ORDINARY = new Set(['tin', 'web']);
const BARE = COMMANDS.filter((c) => !('hidden' in c && c.hidden) && !ORDINARY.has(c.name)).flatMap((c) =>
  [c.name, SYLLABLES[c.name]].filter((w): w is string => Boolean(w)),
);
const bareCommand = new RegExp(`(?<![/\\p{L}\\p{N}_@.:-])(${BARE.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');

describe('the words of Loa', () => {
  it('write "xóa", never "xoá"', () => {
    const bad = [...viLiterals, ...render(vi), ...render(en)].filter(([, s]) => /xoá/iu.test(s.normalize('NFC')));
    expect(bad).toEqual([]);
  });

  it('write commands in running Vietnamese text as /trogiup, never unaccented words such as "tro giup"', () => {
    const bad = viLiterals.filter(([, s]) => bareCommand.test(s));
    expect(bad).toEqual([]);
  });

  it('speak to people, not like a program', () => {
    const phrases = ['không có đúng một', 'nên Loa đã bỏ nó', 'chưa sẵn sàng. Loa sẽ báo khi có'];
    const bad = render(vi).filter(([, s]) => phrases.some((p) => s.includes(p)));
    expect(bad).toEqual([]);
  });

  it('catches an unaccented command word (the check itself works)', () => {
    expect(bareCommand.test('Gõ tro giup để xem các lệnh.')).toBe(true);
    expect(bareCommand.test('Gõ dangky để đăng ký.')).toBe(true);
    expect(bareCommand.test('Gõ /trogiup hoặc /dangky.')).toBe(false);
    expect(bareCommand.test('Điểm tin hôm nay')).toBe(false);
  });

  it('give every Vietnamese text an English twin', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
    expect(readdirSync(join(ROOT, 'en')).filter((f) => f.endsWith('.ts')).sort()).toEqual([...viFiles].sort());
    const emptyEn = render(en).filter(([, s]) => !s.trim());
    const emptyVi = render(vi).filter(([, s]) => !s.trim());
    expect(emptyEn.map(([k]) => k)).toEqual(emptyVi.map(([k]) => k));
  });

  it(`keep every line under ${MAX_LINE} characters`, () => {
    const long = [...render(vi), ...render(en)].flatMap(([k, s]) =>
      s
        .split('\n')
        .filter((line) => [...line].length > MAX_LINE)
        .map((line) => `${k}: ${line.length}`),
    );
    expect(long).toEqual([]);
  });
});
