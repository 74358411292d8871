/**
 * Secrets never reach the store: header values that carry credentials are masked at capture.
 * (Export-time redaction of cookies and identities is a separate, switchable step.)
 */
import type { Header } from './call';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-gw-ims-user-token',
]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.trim().toLowerCase());
}

/** True for a value `maskSecret` produced: the real secret is not in it. */
export function isMaskedSecret(value: string): boolean {
  return /•••\S{0,4} \(masked, \d+ chars\)$/.test(value);
}

/** Keeps the scheme and the last 4 characters so two tokens can still be told apart. */
export function maskSecret(value: string): string {
  const space = value.indexOf(' ');
  const scheme = space > 0 && space < 20 ? value.slice(0, space + 1) : '';
  const secret = value.slice(scheme.length);
  const tail = secret.length > 12 ? secret.slice(-4) : '';
  return `${scheme}•••${tail} (masked, ${secret.length} chars)`;
}

export function maskSecretHeaders(headers: readonly Header[]): Header[] {
  return headers.map((h) =>
    isSecretHeader(h.name) ? { name: h.name, value: maskSecret(h.value) } : h,
  );
}
