/**
 * The tool's own JSON session format, versioned. Same content as the HAR export, in the shape of
 * the tool's model: calls with bodies, their decoded view, pages, the visit's findings, and the
 * redaction applied.
 */
import type { PreparedExport } from './export-model';
import { TOOL } from './export-model';

export const SESSION_FORMAT = 'aep-edge-inspector-session';
export const SESSION_VERSION = 1;

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  creator: { name: string; version: string };
  exportedAt: string;
  redaction: PreparedExport['redaction'];
  pages: PreparedExport['pages'];
  /** The visit's findings as the viewer showed them; `callIds` are the calls' `call.id`. */
  visit: PreparedExport['visit'];
  calls: Array<{
    call: PreparedExport['calls'][number]['call'];
    requestBody?: string;
    responseBody?: string;
    decoded: {
      action: string;
      events: string[];
      handleTypes: string[];
      errors: string[];
      identityFindings: string[];
    };
  }>;
}

export function toSessionFile(prepared: PreparedExport): SessionFile {
  return {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    creator: { name: TOOL.name, version: TOOL.version },
    exportedAt: prepared.exportedAt,
    redaction: prepared.redaction,
    pages: prepared.pages,
    visit: prepared.visit,
    calls: prepared.calls.map(({ call, requestBody, responseBody, decoded }) => ({
      call,
      requestBody,
      responseBody,
      decoded: {
        action: decoded.action,
        events: decoded.events.map((e) => e.line),
        handleTypes: decoded.handleTypes,
        errors: decoded.errors.map((e) => e.line),
        identityFindings: decoded.identity.findings,
      },
    })),
  };
}
