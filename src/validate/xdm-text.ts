/**
 * How the XDM checker words its findings: a value as short JSON text, a path into `xdm`, a list
 * cut to a few entries, and the closest known name to a typo (edit distance).
 */

const SHOWN_CHARS = 200;

/** A value as JSON text, cut to a couple of hundred characters; never throws. */
export function jsonText(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  if (text === undefined) text = String(typeof value);
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

const PLAIN_KEY = /^[A-Za-z_$@][\w$@-]*$/;

/** `xdm.productListItems[0].SKU`; odd keys quoted: `xdm.identityMap["my ns"]`. */
export function pathText(segments: readonly (string | number)[]): string {
  let out = 'xdm';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** `"a", "b", "c", … (40 in all)`. */
export function listText(values: readonly unknown[], max = 8): string {
  const shown = values.slice(0, max).map((value) => jsonText(value));
  const more = values.length > max ? `, … (${values.length} in all)` : '';
  return shown.join(', ') + more;
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The known value closest to `text` within edit distance 2 (case counts as one edit). */
export function closest(text: string, known: Iterable<string>): string | undefined {
  let found: string | undefined;
  let distance = 3;
  for (const candidate of known) {
    const d = editDistance(text, candidate, distance - 1);
    if (d < distance) {
      found = candidate;
      distance = d;
    }
  }
  return found;
}
