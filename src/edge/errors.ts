/**
 * RFC 7807 problem details as Edge sends them (docs/edge-protocol.md §4.3): the fatal body of a 4xx
 * or 5xx, and each entry of a success body's `errors[]` and `warnings[]`. The EXEG code is
 * parsed out of `type`; known codes and statuses get a plain-language explanation.
 */
import { exegArea, explainExegCode, explainStatus, type Explanation } from './error-catalogue';
import { describeType, field, finite, idText, index, isRecord, keys, list, text } from './read';

export interface ExegCode {
  /** `EXEG-0104-422` */
  code: string;
  /** `0104` */
  number: string;
  /** The status written in the code (422); can differ from the HTTP status (0204-200 in a 207). */
  status: number;
}

export interface ProblemReport {
  /** `report.errors[]`, as text. */
  errors: string[];
  requestId?: string;
  orgId?: string;
  eventIndex?: number;
  causeMessage?: string;
  causeCode?: string;
  /** Other keys of the free-form report, in order; values stay as they came. */
  other: { key: string; value: unknown }[];
}

export interface Problem {
  type?: string;
  exeg?: ExegCode;
  status?: number;
  title?: string;
  detail?: string;
  report?: ProblemReport;
  /** By EXEG code when known, else by status. Absent for unknown codes: show title and detail. */
  explanation?: Explanation;
  /** The documented range the code falls in ("request input"), even when the code is unknown. */
  area?: string;
  notes: string[];
}

const EXEG = /EXEG-(\d{4})-(\d{3})/;

/** `https://ns.adobe.com/aep/errors/EXEG-0104-422` → `{code, number: '0104', status: 422}`. */
export function parseExegCode(type: unknown): ExegCode | undefined {
  if (typeof type !== 'string') return undefined;
  const m = EXEG.exec(type);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  return { code: m[0], number: m[1], status: Number(m[2]) };
}

/**
 * One problem object. `httpStatus` is the response status, used when the body has none (and to
 * explain a problem whose code is unknown).
 */
export function decodeProblem(value: unknown, httpStatus?: number): Problem {
  const notes: string[] = [];
  if (!isRecord(value)) {
    notes.push(`The problem is ${describeType(value)}, not an object.`);
    return { notes };
  }
  const problem: Problem = { notes };
  problem.type = text(field(value, 'type'));
  problem.exeg = parseExegCode(problem.type);
  const status = field(value, 'status');
  problem.status =
    finite(status) ??
    (typeof status === 'string' && /^\d{3}$/.test(status) ? Number(status) : undefined);
  if (status !== undefined && finite(status) === undefined)
    notes.push(`status is ${describeType(status)}, not a number.`);
  problem.title = text(field(value, 'title'));
  problem.detail = text(field(value, 'detail'));
  if (field(value, 'report') !== undefined)
    problem.report = decodeReport(field(value, 'report'), notes);
  if (problem.type === undefined) notes.push('The problem has no type.');
  else if (!problem.exeg && problem.type !== 'about:blank')
    notes.push('The type carries no EXEG code.');
  explain(problem, httpStatus);
  return problem;
}

function explain(problem: Problem, httpStatus: number | undefined): void {
  const number = problem.exeg?.number;
  if (number !== undefined) {
    problem.area = exegArea(number);
    problem.explanation = explainExegCode(number);
    if (problem.explanation) return;
  }
  const status = problem.exeg?.status ?? problem.status ?? httpStatus;
  if (status !== undefined && status >= 400) problem.explanation = explainStatus(status);
}

function decodeReport(value: unknown, notes: string[]): ProblemReport {
  const report: ProblemReport = { errors: [], other: [] };
  if (!isRecord(value)) {
    notes.push(`report is ${describeType(value)}, not an object.`);
    return report;
  }
  for (const key of keys(value)) {
    const entry = field(value, key);
    if (key === 'errors') report.errors = reportErrors(entry, notes);
    else if (key === 'requestId' && typeof entry === 'string') report.requestId = entry;
    else if (key === 'orgId' && typeof entry === 'string') report.orgId = entry;
    else if (key === 'eventIndex' && index(entry) !== undefined) report.eventIndex = index(entry);
    else if (key === 'cause' && isRecord(entry)) {
      report.causeMessage = text(field(entry, 'message'));
      report.causeCode = idText(field(entry, 'code'));
    } else report.other.push({ key, value: entry });
  }
  return report;
}

/** Strings are kept; objects give their message or title; anything else is named, never hidden. */
function reportErrors(value: unknown, notes: string[]): string[] {
  const array = list(value);
  if (!array) {
    notes.push(`report.errors is ${describeType(value)}, not an array.`);
    return [];
  }
  const out: string[] = [];
  for (let i = 0; i < array.length; i++) {
    const entry = array[i];
    const message = text(entry) ?? text(field(entry, 'message')) ?? text(field(entry, 'title'));
    out.push(message ?? `(${describeType(entry)})`);
  }
  return out;
}

/** `EXEG-0104-422 Unprocessable entity: Invalid request…` for lists and exports. */
export function problemLine(problem: Problem): string {
  const head = problem.exeg?.code ?? (problem.status !== undefined ? `HTTP ${problem.status}` : '');
  const words = [problem.title, problem.detail].filter((s) => s !== undefined && s !== '');
  const body = words.join(': ') || problem.explanation?.name || 'no title or detail';
  return head ? `${head} ${body}` : body;
}
