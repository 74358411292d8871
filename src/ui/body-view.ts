/**
 * What the Request/Response tabs show for one body: pretty JSON, or the raw text with the parse
 * error, or why there is no text. Pure and total: any input gives a view, nothing throws.
 */
import type { BodyMeta } from '../session/call';
import { formatBytes } from './format';

export type BodyView =
  | { kind: 'missing'; reason: string }
  | { kind: 'empty' }
  | { kind: 'json'; pretty: string }
  | { kind: 'text'; text: string; parseError: string };

export interface BodyPresentation {
  view: BodyView;
  /** Shown above the body, e.g. the truncation note. */
  notes: string[];
}

/**
 * Pretty-printing a multi-megabyte body costs a parse and a stringify on the UI thread; past this
 * size the raw text is shown instead (still readable, and still searchable with Ctrl+F).
 */
export const PRETTY_PRINT_LIMIT = 4_000_000;

/** The parse error message, or undefined when `text` is valid JSON. */
function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function nextSignificant(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') return ch;
  }
  return undefined;
}

/**
 * Re-indents valid JSON text token by token instead of `JSON.stringify(JSON.parse(…))`, so what
 * is shown is what was sent: big numbers keep their digits (ids beyond 2^53), `1.0` stays `1.0`,
 * and duplicate keys are not merged away.
 */
export function reindentJson(text: string, indent = '  '): string {
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => '\n' + indent.repeat(depth);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      if (nextSignificant(text, i + 1) === close) {
        out += ch + close;
        i = text.indexOf(close, i + 1);
      } else {
        depth++;
        out += ch + newline();
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      out += newline() + ch;
    } else if (ch === ',') {
      out += ',' + newline();
    } else if (ch === ':') {
      out += ': ';
    } else {
      out += ch;
    }
  }
  return out;
}

export function describeBody(meta: BodyMeta, text: string | undefined): BodyPresentation {
  const notes: string[] = [];
  if (meta.truncated) {
    const full = meta.size !== undefined ? ` of ${formatBytes(meta.size)}` : '';
    notes.push(`Truncated: only the first part${full} was kept by the store's body cap.`);
  }
  if (text === undefined) {
    const reason =
      meta.missing ?? (meta.captured ? 'The body text is no longer stored.' : 'Not captured.');
    return { view: { kind: 'missing', reason }, notes };
  }
  if (text.trim() === '') return { view: { kind: 'empty' }, notes };
  if (text.length > PRETTY_PRINT_LIMIT) {
    notes.push('Shown as raw text: too large to pretty-print without stalling the viewer.');
    return { view: { kind: 'text', text, parseError: '' }, notes };
  }
  const parseError = jsonError(text);
  if (parseError !== undefined) return { view: { kind: 'text', text, parseError }, notes };
  return { view: { kind: 'json', pretty: reindentJson(text) }, notes };
}
