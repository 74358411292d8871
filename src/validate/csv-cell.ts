/**
 * One CSV cell: RFC 4180 quoting, and a leading `'` on a cell a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, CR: CSV injection). Shared by the session CSV export and the
 * CSV of verdicts; a module of its own so that neither pulls the other's imports in.
 */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
