/**
 * What the XDM checker knows of values, with no schema at hand: string formats (checked by
 * @cfworker/json-schema's own functions, which interpret, never compile code), the XDM integer
 * widths, and the JSON types a `type` or `meta:xdmType` names, as bits for a fast test.
 */
import { format as formats } from '@cfworker/json-schema';

/** JSON type bits: a value's bits and a field's accepted bits share one when the type holds. */
export const STRING = 1;
export const NUMBER = 2;
export const INTEGER = 4;
export const BOOLEAN = 8;
export const OBJECT = 16;
export const ARRAY = 32;
export const NULL = 64;

/** A JSON Schema `type` name's bits. */
export const JSON_TYPES: Readonly<Record<string, number>> = {
  string: STRING,
  number: NUMBER | INTEGER,
  integer: INTEGER,
  boolean: BOOLEAN,
  object: OBJECT,
  array: ARRAY,
  null: NULL,
};

export interface XdmType {
  bits: number;
  /** For the integer widths: the range the Schema Registry and the data lake hold. */
  min?: number;
  max?: number;
  /** How a finding names what was expected: `short (an integer from -32768 to 32767)`. */
  text: string;
  /** A format the type implies when the field states none (`date-time` fields). */
  format?: string;
}

const width = (name: string, min: number, max: number): XdmType => ({
  bits: INTEGER,
  min,
  max,
  text: `${name} (an integer from ${min} to ${max})`,
});

/** `meta:xdmType` → what a value of it must be. Unknown XDM types fall back to `type`. */
export const XDM_TYPES: Readonly<Record<string, XdmType>> = {
  string: { bits: STRING, text: 'string' },
  number: { bits: NUMBER | INTEGER, text: 'number' },
  double: { bits: NUMBER | INTEGER, text: 'number (double)' },
  float: { bits: NUMBER | INTEGER, text: 'number (float)' },
  integer: width('integer', -(2 ** 53), 2 ** 53),
  long: width('long', -(2 ** 53), 2 ** 53),
  int: width('int', -(2 ** 31), 2 ** 31 - 1),
  short: width('short', -32768, 32767),
  byte: width('byte', -128, 127),
  boolean: { bits: BOOLEAN, text: 'boolean' },
  date: { bits: STRING, text: 'date (a string like 2024-05-01)', format: 'date' },
  'date-time': {
    bits: STRING,
    text: 'date-time (a string like 2024-05-01T12:30:00.000Z)',
    format: 'date-time',
  },
  object: { bits: OBJECT, text: 'object' },
  map: { bits: OBJECT, text: 'map (an object with any keys)' },
  array: { bits: ARRAY, text: 'array' },
};

/** The bits of a value; 0 for what JSON cannot hold (undefined, functions, NaN). */
export function valueBits(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'number':
      if (!Number.isFinite(value)) return 0;
      return Number.isInteger(value) ? NUMBER | INTEGER : NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'object':
      if (value === null) return NULL;
      return Array.isArray(value) ? ARRAY : OBJECT;
    default:
      return 0;
  }
}

/** `string or null` for a `type` list. */
export function bitsText(bits: number): string {
  const names = Object.entries(JSON_TYPES)
    .filter(([name, b]) => (bits & b) === b && !(name === 'integer' && bits & NUMBER))
    .map(([name]) => name);
  return names.length > 0 ? names.join(' or ') : 'nothing';
}

type FormatCheck = (text: string) => boolean;

const ALIASES: Readonly<Record<string, string>> = {
  'idn-email': 'email',
  'idn-hostname': 'hostname',
  iri: 'uri',
  'iri-reference': 'uri-reference',
};

/** A format's check, or undefined for a format nobody checks (JSON Schema ignores those). */
export function formatCheck(name: string): FormatCheck | undefined {
  const key = Object.hasOwn(ALIASES, name) ? ALIASES[name]! : name;
  return Object.hasOwn(formats, key) ? formats[key] : undefined;
}

/** What a format's values look like, for `expected`. */
const EXAMPLES: Readonly<Record<string, string>> = {
  'date-time': 'an RFC 3339 date-time such as 2024-05-01T12:30:00.000Z',
  date: 'an RFC 3339 full-date such as 2024-05-01',
  time: 'an RFC 3339 time such as 12:30:00Z',
  uri: 'an absolute URI such as https://example.com/page',
  'uri-reference': 'a URI reference',
  email: 'an e-mail address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uuid: 'a UUID',
};

export function formatText(name: string): string {
  return Object.hasOwn(EXAMPLES, name) ? `${name}: ${EXAMPLES[name]}` : `format ${name}`;
}
