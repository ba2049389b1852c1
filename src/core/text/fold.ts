// Folding for matching what people type: NFC, lower-case, no Vietnamese diacritics, đ → d.
// "Đăng Ký", "dang ky" and "DANG KY" all fold to "dang ky".

/** NFC-normalise, lower-case, strip combining marks and map đ/Đ to d. */
export function foldForMatch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}
