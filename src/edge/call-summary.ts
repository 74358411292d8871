/**
 * The short, plain-language lines a call list and exports show: one per event (event type, page
 * name, primary identity, handle types, error and warning counts) and one per error explained.
 */
import { consentLine } from './consent';
import type { DecodedRequest } from './decode-request';
import type { DecodedResponse } from './decode-response';
import { problemLine, type Problem } from './errors';
import { identityLabel } from './identity-map';
import { plural, quote } from './read';

export type Severity = 'fatal' | 'error' | 'warning';

export interface ExplainedError {
  severity: Severity;
  /** `EXEG-0104-422`. */
  code?: string;
  status?: number;
  title?: string;
  detail?: string;
  reportErrors: string[];
  /** Plain-language cause and what to check, when the code or status is known. */
  cause?: string;
  check?: string;
  /** The documented range of the code ("request input"). */
  area?: string;
  /** The event the problem names (`report.eventIndex`), if any. */
  eventIndex?: number;
  line: string;
}

export interface EventSummary {
  /** Absent for bodies without events (consent, identity fetch). */
  eventIndex?: number;
  eventType: string;
  pageName?: string;
  primaryIdentity?: string;
  /**
   * Types of the handles addressed to this event (request-scoped ones are on the call). For a
   * body without events, every handle type of the call.
   */
  handleTypes: string[];
  errorCount: number;
  warningCount: number;
  line: string;
}

export function explainErrors(response: DecodedResponse | undefined): ExplainedError[] {
  if (!response) return [];
  const out: ExplainedError[] = [];
  if (response.problem) out.push(fromProblem(response.problem, 'fatal'));
  else if (response.status !== undefined && response.status >= 400) out.push(fromStatus(response));
  for (const p of response.errors) out.push(fromProblem(p, 'error'));
  for (const p of response.warnings) out.push(fromProblem(p, 'warning'));
  return out;
}

function fromProblem(problem: Problem, severity: Severity): ExplainedError {
  return {
    severity,
    code: problem.exeg?.code,
    status: problem.status,
    title: problem.title,
    detail: problem.detail,
    reportErrors: problem.report?.errors ?? [],
    cause: problem.explanation?.cause,
    check: problem.explanation?.check,
    area: problem.area,
    eventIndex: problem.report?.eventIndex,
    line: `${severity}: ${problemLine(problem)}`,
  };
}

/** A failing status without a problem body (HTML 502, empty 429…). */
function fromStatus(response: DecodedResponse): ExplainedError {
  const explanation = response.statusExplanation;
  const body = response.looksLikeHtml
    ? 'an HTML page'
    : response.shape === 'empty'
      ? 'no body'
      : 'no problem body';
  return {
    severity: 'fatal',
    status: response.status,
    title: explanation?.name,
    reportErrors: [],
    cause: explanation?.cause,
    check: explanation?.check,
    line: ['fatal: HTTP', response.status ?? '?', explanation?.name, `(${body})`]
      .filter((part) => part !== undefined)
      .join(' '),
  };
}

/** Problems without an eventIndex concern every event; the others only the event they name. */
function countFor(
  errors: readonly ExplainedError[],
  eventIndex: number | undefined,
  severity: 'error' | 'warning',
): number {
  return errors.filter(
    (e) =>
      (severity === 'warning' ? e.severity === 'warning' : e.severity !== 'warning') &&
      (e.eventIndex === undefined || e.eventIndex === eventIndex),
  ).length;
}

export function summariseEvents(
  request: DecodedRequest | undefined,
  response: DecodedResponse | undefined,
  errors: readonly ExplainedError[],
): EventSummary[] {
  const typesFor = (eventIndex: number): string[] => {
    const group = response?.groups.find((g) => g.eventIndex === eventIndex);
    return distinct((group?.handles ?? []).map((h) => h.type ?? '(no type)'));
  };
  if (request && request.events.length > 0) {
    return request.events.map((event) =>
      summary(
        {
          eventIndex: event.index,
          eventType: event.eventType ?? '(no eventType)',
          pageName: event.pageName,
          primaryIdentity: event.identityMap?.primary
            ? identityLabel(event.identityMap.primary)
            : undefined,
          handleTypes: typesFor(event.index),
        },
        errors,
      ),
    );
  }
  // No events (consent, identity fetch): the one line stands for the call and all its handles.
  const all = distinct((response?.handles ?? []).map((h) => h.type ?? '(no type)'));
  return [summary({ eventType: bodyLabel(request), handleTypes: all }, errors)];
}

function summary(
  fields: Omit<EventSummary, 'errorCount' | 'warningCount' | 'line'>,
  errors: readonly ExplainedError[],
): EventSummary {
  const errorCount = countFor(errors, fields.eventIndex, 'error');
  const warningCount = countFor(errors, fields.eventIndex, 'warning');
  const parts = [
    fields.eventIndex === undefined
      ? fields.eventType
      : `#${fields.eventIndex} ${fields.eventType}`,
  ];
  if (fields.pageName !== undefined) parts.push(`page ${quote(fields.pageName)}`);
  if (fields.primaryIdentity !== undefined) parts.push(`primary ${fields.primaryIdentity}`);
  if (fields.handleTypes.length) parts.push(`handles: ${fields.handleTypes.join(', ')}`);
  if (errorCount) parts.push(plural(errorCount, 'error'));
  if (warningCount) parts.push(plural(warningCount, 'warning'));
  return { ...fields, errorCount, warningCount, line: parts.join(' · ') };
}

function bodyLabel(request: DecodedRequest | undefined): string {
  if (!request) return '(request body not captured)';
  switch (request.shape) {
    case 'consent':
      return `(consent) ${request.consent.map(consentLine).join('; ')}`.trim();
    case 'identity':
      return `(identity fetch) ${(request.identityFetch ?? []).join(', ')}`.trim();
    case 'empty':
      return '(empty body)';
    case 'not-json':
      return '(body is not JSON)';
    default:
      return `(${request.label})`;
  }
}

export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
