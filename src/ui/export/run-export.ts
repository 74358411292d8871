/**
 * Turns calls (with bodies) into a file: redaction first, then the chosen format.
 * Shared by the viewer's export dialog and the popup.
 */
import type { PageVisit } from '../../session/call';
import { toCsv } from '../../session/csv';
import { exportFileName, prepareExport } from '../../session/export-model';
import { toHar } from '../../session/har';
import type { RedactionOptions } from '../../session/redaction';
import { toSessionFile } from '../../session/session-file';
import type { CallWithBodies } from '../../shared/protocol';

export type ExportFormat = 'har' | 'json' | 'csv' | 'qa-html' | 'qa-junit' | 'qa-csv';

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  har: 'HAR 1.2 (opens in Chrome DevTools)',
  json: 'JSON session (this tool)',
  csv: 'CSV, one row per event',
  'qa-html': 'QA report: HTML, every failing event against the plan and the visit’s findings',
  'qa-junit': 'QA report: JUnit XML, one test case per event and rule, and per visit check',
  'qa-csv': 'QA report: CSV of verdicts and visit findings',
};

export interface ExportFile {
  fileName: string;
  text: string;
  mime: string;
  /** Which redaction rules were applied, for the confirmation line. */
  applied: string[];
}

export async function buildExport(
  details: readonly CallWithBodies[],
  pages: readonly PageVisit[],
  format: ExportFormat,
  redaction: RedactionOptions,
): Promise<ExportFile> {
  const prepared = await prepareExport(details, pages, redaction);
  const applied = prepared.redaction.map((r) => r.rule);
  switch (format) {
    case 'har':
      return {
        fileName: exportFileName(prepared, 'har'),
        text: JSON.stringify(toHar(prepared), null, 2),
        mime: 'application/json',
        applied,
      };
    case 'json':
      return {
        fileName: exportFileName(prepared, 'json'),
        text: JSON.stringify(toSessionFile(prepared), null, 2),
        mime: 'application/json',
        applied,
      };
    case 'csv':
      return {
        fileName: exportFileName(prepared, 'csv'),
        text: toCsv(prepared),
        mime: 'text/csv',
        applied,
      };
  }
  // The QA reports, from the verdicts stored with the (redacted) calls and the visit's findings;
  // loaded on first use. Without a plan they hold the visit's findings alone.
  const [{ storedVerdicts }, { visitResults }, { verdictsCsv }, { htmlReport }, { junitReport }] =
    await Promise.all([
      import('../../validate/session-verdicts'),
      import('../../validate/visit-results'),
      import('../../validate/report-csv'),
      import('../../validate/report-html'),
      import('../../validate/report-junit'),
    ]);
  const verdicts = storedVerdicts(prepared.calls, prepared.pages);
  const visit = visitResults(
    prepared.visit,
    prepared.calls.map((item) => item.call),
    prepared.pages,
  );
  const base = exportFileName(prepared, 'csv').replace(/\.csv$/, '');
  switch (format) {
    case 'qa-html':
      return {
        fileName: `${base}-qa.html`,
        text: htmlReport(verdicts, { visit }),
        mime: 'text/html',
        applied,
      };
    case 'qa-junit':
      return {
        fileName: `${base}-qa.xml`,
        text: junitReport(verdicts, visit),
        mime: 'application/xml',
        applied,
      };
    case 'qa-csv':
      return {
        fileName: `${base}-verdicts.csv`,
        text: verdictsCsv(verdicts, visit),
        mime: 'text/csv',
        applied,
      };
  }
}

/** Saves text as a download from an extension page (no permission needed: an anchor click). */
export function download(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke after the browser has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
