/**
 * How a node reads on screen and what "Copy value" puts on the clipboard. Strings are shown
 * JSON-quoted and escaped, so markup, `javascript:` URLs and control characters read as the
 * literal text they are; long strings are cut until the user asks for all of them.
 */
import type { PathKey } from './json-path';
import { primitiveText } from './json-search';
import { childCount, kindOf } from './json-values';

/** Characters of a string shown before "show all". */
export const STRING_PREVIEW = 300;

export interface ValueText {
  text: string;
  /** Characters left out (0 when shown whole). */
  hidden: number;
}

export function keyText(key: PathKey | undefined, rootLabel: string): string {
  if (key === undefined) return rootLabel;
  return typeof key === 'number' ? String(key) : JSON.stringify(key);
}

export function valueText(value: unknown, full = false): ValueText {
  const count = childCount(value);
  switch (kindOf(value)) {
    case 'array':
      return { text: count ? `[ ${count === 1 ? '1 item' : `${count} items`} ]` : '[]', hidden: 0 };
    case 'object':
      return { text: count ? `{ ${count === 1 ? '1 key' : `${count} keys`} }` : '{}', hidden: 0 };
    case 'string': {
      const text = value as string;
      if (full || text.length <= STRING_PREVIEW) return { text: JSON.stringify(text), hidden: 0 };
      const shown = JSON.stringify(text.slice(0, STRING_PREVIEW));
      return { text: `${shown.slice(0, -1)}…"`, hidden: text.length - STRING_PREVIEW };
    }
    case 'other':
      return { text: String(typeof value), hidden: 0 };
    default:
      return { text: primitiveText(value) ?? '', hidden: 0 };
  }
}

/** The clipboard text: a string as it is, anything else as (indented) JSON. */
export function copyText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Deeper than JSON.stringify's recursion allows: compact text is no better, say so.
    throw new Error('The value is nested too deeply to copy as JSON.');
  }
}
