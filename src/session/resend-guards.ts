/**
 * Guard rails before a resend. Each problem either blocks the send (it cannot work, or
 * would hand a secret to the page) or asks for a confirmation (invalid JSON, another host).
 * Pure: the editor shows the messages; the person decides.
 */
import { parseJson, type JsonError } from '../edge/json';
import { isMaskedSecret, isSecretHeader } from './redact';
import { hostOf, isValidUrl, type ResendDraft, type ResendFrom } from './resend-draft';

export type SendIssue =
  | { kind: 'bad-url'; blocking: true; message: string }
  | { kind: 'masked-secret'; blocking: true; header: string; message: string }
  | { kind: 'secret-to-page'; blocking: true; header: string; message: string }
  | { kind: 'invalid-json'; blocking: false; error: JsonError; message: string }
  | { kind: 'other-host'; blocking: false; host: string; originalHost: string; message: string };

/** What the body's JSON check says, for the editor's status line: undefined when it parses. */
export function bodyProblem(body: string): JsonError | undefined {
  if (body.trim() === '') return undefined;
  const parsed = parseJson(body);
  return parsed.ok ? undefined : parsed.error;
}

function secretIssues(draft: ResendDraft, from: ResendFrom): SendIssue[] {
  const issues: SendIssue[] = [];
  for (const header of draft.headers) {
    if (!isSecretHeader(header.name) || header.value.trim() === '') continue;
    if (isMaskedSecret(header.value)) {
      issues.push({
        kind: 'masked-secret',
        blocking: true,
        header: header.name,
        message: `${header.name} holds the masked value from the capture: enter the real value (it is kept in memory only) or remove the header.`,
      });
    } else if (from === 'page') {
      issues.push({
        kind: 'secret-to-page',
        blocking: true,
        header: header.name,
        message: `${header.name} is a secret: it is never handed to the page's scripts. Send from the extension instead.`,
      });
    }
  }
  return issues;
}

/** Every problem with sending `draft` from `from`; empty when it can go at once. */
export function sendIssues(draft: ResendDraft, originalUrl: string, from: ResendFrom): SendIssue[] {
  if (!isValidUrl(draft.url)) {
    return [
      {
        kind: 'bad-url',
        blocking: true,
        message: 'The URL is not a valid http(s) URL.',
      },
    ];
  }
  const issues = secretIssues(draft, from);
  const bodyless = ['GET', 'HEAD'].includes(draft.method.trim().toUpperCase());
  const error = bodyless ? undefined : bodyProblem(draft.body);
  if (error && !error.empty) {
    issues.push({
      kind: 'invalid-json',
      blocking: false,
      error,
      message: `The body is not valid JSON: ${error.reason} (line ${error.line}, column ${error.column}).`,
    });
  }
  const host = hostOf(draft.url);
  const originalHost = hostOf(originalUrl);
  if (originalHost !== '' && host.toLowerCase() !== originalHost.toLowerCase()) {
    issues.push({
      kind: 'other-host',
      blocking: false,
      host,
      originalHost,
      message: `This sends to ${host}, not to the original's host ${originalHost}.`,
    });
  }
  return issues;
}
