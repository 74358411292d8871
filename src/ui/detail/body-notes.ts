/** What is known about a body besides its text: facts, truncation, why it is missing. */
import type { BodyMeta } from '../../session/call';
import { formatBytes } from '../format';

export function bodyFacts(meta: BodyMeta): string[] {
  return [
    meta.contentType && `Content type: ${meta.contentType}`,
    meta.size !== undefined && `Size: ${formatBytes(meta.size)}`,
    meta.source && `From: ${meta.source}`,
  ].filter((fact): fact is string => typeof fact === 'string');
}

export function truncationNote(meta: BodyMeta): string | undefined {
  if (!meta.truncated) return undefined;
  const full = meta.size !== undefined ? ` of ${formatBytes(meta.size)}` : '';
  return `Truncated: only the first part${full} was kept by the store's body cap.`;
}

export function missingReason(meta: BodyMeta): string {
  return meta.missing ?? (meta.captured ? 'The body text is no longer stored.' : 'Not captured.');
}
