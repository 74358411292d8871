/**
 * Consent as sent to `privacy/set-consent` (`consent[]`, docs/edge-protocol.md §3.3) and as returned
 * in `consent:preferences` (the Adobe 2.0 object, §5). Standards: Adobe 1.0 (`general`),
 * Adobe 2.0 (`{collect: {val}, …}`) and IAB TCF 2.0 (a TC string).
 */
import { describeType, field, flag, isRecord, keys, quote, text } from './read';

export type ConsentKind = 'adobe-1.0' | 'adobe-2.0' | 'iab-tcf-2.0' | 'unknown';

export interface ConsentChoice {
  /** `general`, `collect`, `personalize.content`, `marketing.preferred`… */
  purpose: string;
  value: string;
  /** `yes`, `opted out`…; absent when the value is not one the reference lists. */
  meaning?: string;
}

export interface DecodedConsent {
  index: number;
  standard?: string;
  version?: string;
  kind: ConsentKind;
  choices: ConsentChoice[];
  /** Adobe 2.0 `metadata.time`. */
  time?: string;
  /** IAB TCF: the TC string, kept as sent. */
  tcString?: string;
  gdprApplies?: boolean;
  notes: string[];
}

const GENERAL = new Map([
  ['in', 'opted in: collection allowed'],
  ['out', 'opted out: nothing is collected'],
  ['pending', 'pending: events wait for a decision'],
  ['not_provided', 'not provided'],
]);

// Adobe 2.0 `val` codes (docs/edge-protocol.md §3.3); matched case-insensitively because XDM
// documents the last five in upper case (LI, CT…).
const VALS = new Map([
  ['y', 'yes'],
  ['n', 'no'],
  ['p', 'pending'],
  ['u', 'unknown'],
  ['li', 'legitimate interest'],
  ['ct', 'contract'],
  ['cp', 'compliance with a legal obligation'],
  ['vi', 'vital interest'],
  ['pi', 'public interest'],
]);

/** One `consent[]` entry. */
export function decodeConsentEntry(entry: unknown, index: number): DecodedConsent {
  const notes: string[] = [];
  const consent: DecodedConsent = { index, kind: 'unknown', choices: [], notes };
  if (!isRecord(entry)) {
    notes.push(`The consent entry is ${describeType(entry)}, not an object.`);
    return consent;
  }
  consent.standard = text(field(entry, 'standard'));
  consent.version = text(field(entry, 'version'));
  const value = field(entry, 'value');
  const standard = consent.standard?.toLowerCase();
  if (standard === 'adobe' && consent.version === '1.0') {
    consent.kind = 'adobe-1.0';
    readGeneral(value, consent);
  } else if (standard === 'adobe' && consent.version === '2.0') {
    consent.kind = 'adobe-2.0';
    const read = adobe2Choices(value, notes);
    consent.choices = read.choices;
    consent.time = read.time;
  } else if (standard === 'iab tcf' && consent.version === '2.0') {
    consent.kind = 'iab-tcf-2.0';
    readTcf(entry, value, consent);
  } else {
    notes.push(
      `Standard ${quote(consent.standard ?? '(none)')} version ${quote(consent.version ?? '(none)')} is not Adobe 1.0, Adobe 2.0 or IAB TCF 2.0.`,
    );
  }
  return consent;
}

function readGeneral(value: unknown, consent: DecodedConsent): void {
  const general = field(value, 'general');
  if (typeof general !== 'string') {
    consent.notes.push(
      `value.general is ${describeType(general)}; Adobe 1.0 needs in, out or pending.`,
    );
    return;
  }
  consent.choices.push({ purpose: 'general', value: general, meaning: GENERAL.get(general) });
  if (!GENERAL.has(general)) consent.notes.push(`general ${quote(general)} is not a known value.`);
}

function readTcf(entry: unknown, value: unknown, consent: DecodedConsent): void {
  consent.tcString = text(value);
  if (consent.tcString === undefined)
    consent.notes.push(`value is ${describeType(value)}; IAB TCF needs the TC string.`);
  consent.gdprApplies = flag(field(entry, 'gdprApplies'));
}

const MAX_DEPTH = 3;

/**
 * The Adobe 2.0 object as choices, in body order: `{val}` leaves and string leaves (such as
 * `marketing.preferred`), with `metadata.time` apart. Depth is bounded, so any input is safe.
 */
export function adobe2Choices(
  value: unknown,
  notes: string[],
): { choices: ConsentChoice[]; time?: string } {
  const choices: ConsentChoice[] = [];
  if (!isRecord(value)) {
    notes.push(`The Adobe 2.0 consent value is ${describeType(value)}, not an object.`);
    return { choices };
  }
  const time = text(field(field(value, 'metadata'), 'time'));
  walk(value, '', 1, choices, notes);
  return { choices, time };
}

function walk(
  value: unknown,
  prefix: string,
  depth: number,
  choices: ConsentChoice[],
  notes: string[],
): void {
  for (const key of keys(value)) {
    const purpose = prefix ? `${prefix}.${key}` : key;
    if (purpose === 'metadata') continue;
    const entry = field(value, key);
    const val = field(entry, 'val');
    if (typeof val === 'string') {
      choices.push({ purpose, value: val, meaning: VALS.get(val.toLowerCase()) });
      if (!VALS.has(val.toLowerCase()))
        notes.push(`${purpose}: ${quote(val)} is not a consent value the reference lists.`);
    } else if (typeof entry === 'string') {
      choices.push({ purpose, value: entry });
    } else if (isRecord(entry) && val === undefined && depth < MAX_DEPTH) {
      walk(entry, purpose, depth + 1, choices, notes);
    } else {
      notes.push(`${purpose} is ${describeType(val ?? entry)}, not a {val} choice.`);
    }
  }
}

/** `collect=yes, share=no`: one line for lists. */
export function consentLine(consent: DecodedConsent): string {
  if (consent.kind === 'iab-tcf-2.0')
    return `IAB TCF 2.0${consent.gdprApplies === undefined ? '' : `, gdprApplies=${consent.gdprApplies}`}`;
  const label = `${consent.standard ?? '?'} ${consent.version ?? '?'}`;
  const choices = consent.choices.map((c) => `${c.purpose}=${c.value}`).join(', ');
  return choices ? `${label}: ${choices}` : label;
}
