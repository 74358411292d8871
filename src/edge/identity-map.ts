/**
 * `xdm.identityMap` as a table (docs/edge-protocol.md §3.4): namespace → array of
 * `{id, authenticatedState (default ambiguous), primary (default false)}`.
 *
 * Malformed shapes are findings next to the data, never a reason to hide an entry: an object
 * instead of an array, a missing id, `primary: "true"`, zero or several primaries.
 */
import { describeType, field, isRecord, keys, list, quote } from './read';

export type AuthenticatedState = 'ambiguous' | 'authenticated' | 'loggedOut';
const STATES: readonly string[] = ['ambiguous', 'authenticated', 'loggedOut'];

export interface IdentityRow {
  namespace: string;
  /** Position within the namespace's array (0 when the namespace held a single object). */
  position: number;
  id?: string;
  /** As sent, or `ambiguous` when absent (then `stateDefaulted` is true). */
  authenticatedState: string;
  stateDefaulted: boolean;
  /** True only for the boolean `true`. */
  primary: boolean;
  /** `primary` as sent when it was not a boolean (e.g. the string "true"). */
  primaryAsSent?: unknown;
  /** The entry as it came, when it was not an object. */
  raw?: unknown;
  findings: string[];
}

export interface IdentityMapView {
  rows: IdentityRow[];
  /** The one boolean-primary row, when there is exactly one. */
  primary?: IdentityRow;
  /** Map-level findings (shape, primaries). Row findings stay on their rows. */
  findings: string[];
}

/** Decodes any value as an identityMap; never throws. */
export function decodeIdentityMap(value: unknown): IdentityMapView {
  const findings: string[] = [];
  const rows: IdentityRow[] = [];
  if (Array.isArray(value)) {
    findings.push('identityMap is an array; it should be an object keyed by namespace.');
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      rows.push(decodeEntry(namespaceOf(entry), i, entry));
    }
  } else if (isRecord(value)) {
    for (const namespace of keys(value)) decodeNamespace(namespace, field(value, namespace), rows);
    if (rows.length === 0) findings.push('identityMap holds no identities.');
  } else {
    findings.push(
      `identityMap is ${describeType(value)}; it should be an object keyed by namespace.`,
    );
  }
  return { rows, findings, primary: checkPrimaries(rows, findings) };
}

function decodeNamespace(namespace: string, value: unknown, rows: IdentityRow[]): void {
  const array = list(value);
  if (array) {
    if (array.length === 0) rows.push(emptyNamespace(namespace));
    for (let i = 0; i < array.length; i++) rows.push(decodeEntry(namespace, i, array[i]));
    return;
  }
  const row = decodeEntry(namespace, 0, value);
  row.findings.unshift(
    `${quote(namespace)} holds ${describeType(value)}, not an array of identities.`,
  );
  rows.push(row);
}

/** An empty array still gets a row, so the namespace is visible with its finding. */
function emptyNamespace(namespace: string): IdentityRow {
  return {
    namespace,
    position: 0,
    authenticatedState: 'ambiguous',
    stateDefaulted: true,
    primary: false,
    findings: [`${quote(namespace)} has an empty array: no identity is sent for it.`],
  };
}

function decodeEntry(namespace: string, position: number, entry: unknown): IdentityRow {
  const row: IdentityRow = {
    namespace,
    position,
    authenticatedState: 'ambiguous',
    stateDefaulted: true,
    primary: false,
    findings: [],
  };
  if (!isRecord(entry)) {
    row.raw = entry;
    row.findings.push(`The identity is ${describeType(entry)}, not an object with an id.`);
    return row;
  }
  readId(row, field(entry, 'id'));
  readState(row, field(entry, 'authenticatedState'));
  readPrimary(row, field(entry, 'primary'));
  return row;
}

function readId(row: IdentityRow, id: unknown): void {
  if (typeof id === 'string') {
    row.id = id;
    if (id.trim() === '') row.findings.push('The id is empty.');
  } else if (id === undefined) {
    row.findings.push('The id is missing; Edge requires one.');
  } else if (typeof id === 'number' || typeof id === 'boolean') {
    row.id = String(id);
    row.findings.push(`The id is ${describeType(id)}, not a string.`);
  } else {
    row.findings.push(`The id is ${describeType(id)}, not a string.`);
  }
}

function readState(row: IdentityRow, state: unknown): void {
  if (state === undefined) return;
  row.stateDefaulted = false;
  if (typeof state !== 'string') {
    row.authenticatedState = `(${describeType(state)})`;
    row.findings.push(`authenticatedState is ${describeType(state)}, not a string.`);
    return;
  }
  row.authenticatedState = state;
  if (!STATES.includes(state))
    row.findings.push(
      `authenticatedState ${quote(state)} is not ambiguous, authenticated or loggedOut.`,
    );
}

function readPrimary(row: IdentityRow, primary: unknown): void {
  if (primary === undefined || typeof primary === 'boolean') {
    row.primary = primary === true;
    return;
  }
  row.primaryAsSent = primary;
  const shown = typeof primary === 'string' ? quote(primary) : describeType(primary);
  row.findings.push(
    `primary is ${shown}, not a boolean; it is not counted as primary here, and Edge may not honour it.`,
  );
}

function checkPrimaries(rows: IdentityRow[], findings: string[]): IdentityRow | undefined {
  const primaries = rows.filter((r) => r.primary);
  if (primaries.length === 1) return primaries[0];
  if (primaries.length > 1) {
    const names = primaries.map((r) => `${r.namespace}[${r.position}]`).join(', ');
    findings.push(
      `${primaries.length} identities are marked primary (${names}); exactly one should be.`,
    );
  } else if (rows.length > 0) {
    const loose = rows.some((r) => r.primaryAsSent !== undefined);
    findings.push(
      loose
        ? 'No identity has primary: true as a boolean (a non-boolean primary was sent instead).'
        : 'No identity is marked primary; Edge then makes the ECID primary when no person ID is.',
    );
  }
  return undefined;
}

/** For an array-shaped map: `{namespace: {code}}` entries keep their namespace. */
function namespaceOf(entry: unknown): string {
  const code = field(field(entry, 'namespace'), 'code');
  return typeof code === 'string' ? code : '(no namespace)';
}

/** `CRMID: crm-4711 (authenticated)` for summary lines. */
export function identityLabel(row: IdentityRow): string {
  return `${row.namespace}: ${row.id ?? '(no id)'} (${row.authenticatedState})`;
}
