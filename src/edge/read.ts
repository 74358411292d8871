/**
 * Reading untrusted JSON values without trusting their shape or their prototype.
 *
 * Every field is read as an OWN property: a body without `constructor` must not yield
 * `Object.prototype.constructor`, and a `__proto__` key is just data. Decoders never build
 * objects keyed by data (keys become array entries instead), so `__proto__` can never reach a
 * prototype setter. Nothing here throws for any input.
 */

export type JsonRecord = Record<string, unknown>;

/** The one shape guard for values off the wire, out of files and out of JSON. */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property of a plain object, else undefined. */
export function field(value: unknown, name: string): unknown {
  if (!isRecord(value) || !Object.hasOwn(value, name)) return undefined;
  return value[name];
}

/** Follows own properties: `path(body, 'meta', 'state', 'domain')`. */
export function path(value: unknown, ...names: string[]): unknown {
  let current = value;
  for (const name of names) current = field(current, name);
  return current;
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function flag(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A string, or a number shown as a string (ids are sometimes sent as numbers). */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The array itself, or undefined (never copies: callers only read it). */
export function list(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** The string entries of an array, in order; non-strings are counted, not dropped silently. */
export function strings(value: unknown): { values: string[]; others: number } {
  const values: string[] = [];
  let others = 0;
  const array = list(value);
  if (!array) return { values, others };
  for (let i = 0; i < array.length; i++) {
    const entry = array[i];
    if (typeof entry === 'string') values.push(entry);
    else others++;
  }
  return { values, others };
}

/** Own keys of a plain object, in order (empty for anything else). */
export function keys(value: unknown): string[] {
  return isRecord(value) ? Object.keys(value) : [];
}

/** "a string", "an array", "null"…: for notes about wrong types. Never prints the value. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'undefined':
      return 'missing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

const QUOTE_MAX = 80;

/**
 * A data string quoted for a note, cut to a readable length. JSON.stringify of a string never
 * throws and makes control characters visible.
 */
export function quote(value: string, max = QUOTE_MAX): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}

/** "1 event", "3 events". */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : many}`;
}

/** A non-negative integer (array index, eventIndex), else undefined. */
export function index(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
