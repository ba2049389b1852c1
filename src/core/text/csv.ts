// CSV the office opens in Excel: UTF-8 with a BOM (so Vietnamese shows), RFC 4180 quoting, CRLF
// line ends, and no formula injection (a cell starting with = + - @ tab or CR gets a leading ').

export const CSV_BOM = '\uFEFF';

/** One cell: neutralised if it could start a formula, quoted if it holds " , CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? String(value) : value.normalize('NFC');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, CRLF-terminated. */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: BOM, then one line per row. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}
