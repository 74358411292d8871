/**
 * The `kndctr_{org}_identity` cookie: base64 (or base64url) of a protobuf `Identity` message
 * (docs/edge-protocol.md §6). The field numbers come from the schema quoted in alloy's
 * `decodeKndctrProtobuf` (dist/alloy.js 2.33.1):
 *
 *   Identity { string ecid = 1; IdentityMetadata metadata = 10; int64 last_sync = 20;
 *              int64 sync_hash = 21; int32 id_sync_container_id = 22; int64 write_time = 30; }
 *   IdentityMetadata { int64 created_at = 1; bool is_new = 2; int32 device_type = 3;
 *                      string region = 5; int32 source = 6; }
 *
 * Edge says to treat cookie values as opaque; this is for showing, never for acting on.
 */

export interface IdentityMetadata {
  createdAt?: string;
  isNew?: boolean;
  deviceType?: string;
  region?: string;
  source?: string;
}

export interface IdentityCookie {
  /** Field 1. Alloy reads exactly this. */
  ecid?: string;
  metadata?: IdentityMetadata;
  lastSync?: string;
  syncHash?: string;
  idSyncContainerId?: number;
  writeTime?: string;
  notes: string[];
}

type Wire = { field: number; wire: number; number?: number; bytes?: Uint8Array };

const DEVICE_TYPES = ['unknown', 'browser', 'mobile'];
const SOURCES = ['random (new)', 'third-party id', 'first-party id (FPID)', 'received in request'];

/** Decodes the cookie value; every problem becomes a note, nothing throws. */
export function decodeIdentityCookie(value: string): IdentityCookie {
  const notes: string[] = [];
  const bytes = base64Bytes(value, notes);
  if (!bytes) return { notes };
  const fields = readMessage(bytes, notes);
  const cookie: IdentityCookie = { notes };
  for (const f of fields) applyField(cookie, f, notes);
  if (cookie.ecid === undefined) notes.push('No ECID (protobuf field 1) in the cookie.');
  else if (!/^\d{38}$/.test(cookie.ecid)) notes.push('The ECID is not 38 decimal digits.');
  return cookie;
}

function applyField(cookie: IdentityCookie, f: Wire, notes: string[]): void {
  switch (f.field) {
    case 1:
      if (f.bytes) cookie.ecid = utf8(f.bytes);
      return;
    case 10:
      if (f.bytes) cookie.metadata = readMetadata(f.bytes, notes);
      return;
    case 20:
      cookie.lastSync = unixTime(f.number);
      return;
    case 21:
      if (f.number !== undefined) cookie.syncHash = String(f.number);
      return;
    case 22:
      cookie.idSyncContainerId = f.number;
      return;
    case 30:
      cookie.writeTime = unixTime(f.number);
      return;
    default:
      notes.push(`Unknown protobuf field ${f.field} skipped.`);
  }
}

function readMetadata(bytes: Uint8Array, notes: string[]): IdentityMetadata {
  const metadata: IdentityMetadata = {};
  for (const f of readMessage(bytes, notes)) {
    if (f.field === 1) metadata.createdAt = unixTime(f.number);
    else if (f.field === 2 && f.number !== undefined) metadata.isNew = f.number !== 0;
    else if (f.field === 3 && f.number !== undefined)
      metadata.deviceType = DEVICE_TYPES[f.number] ?? `type ${f.number}`;
    else if (f.field === 5 && f.bytes) metadata.region = utf8(f.bytes);
    else if (f.field === 6 && f.number !== undefined)
      metadata.source = SOURCES[f.number] ?? `source ${f.number}`;
  }
  return metadata;
}

/** Cookie text to bytes: URL-decoding, base64url mapped back (as alloy does), padding added. */
function base64Bytes(value: string, notes: string[]): Uint8Array | undefined {
  let raw = value.trim();
  try {
    raw = decodeURIComponent(raw);
  } catch {
    notes.push('The value has a broken %-escape; decoded as it is.');
  }
  const b64 = raw.replace(/_/g, '/').replace(/-/g, '+').replace(/=+$/, '');
  if (b64 === '' || !/^[A-Za-z0-9+/]*$/.test(b64) || b64.length % 4 === 1) {
    notes.push('The value is not base64, so it cannot be decoded.');
    return undefined;
  }
  try {
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    notes.push('The value is not base64, so it cannot be decoded.');
    return undefined;
  }
}

/** Reads protobuf records until the end or the first malformed one (noted). */
function readMessage(bytes: Uint8Array, notes: string[]): Wire[] {
  const fields: Wire[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = varint(bytes, offset);
    if (!tag || tag.value === 0) return malformed(fields, notes, offset);
    offset = tag.next;
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    const read = readValue(bytes, offset, field, wire);
    if (!read) return malformed(fields, notes, offset);
    fields.push(read.wire);
    offset = read.next;
  }
  return fields;
}

function readValue(
  bytes: Uint8Array,
  offset: number,
  field: number,
  wire: number,
): { wire: Wire; next: number } | undefined {
  if (wire === 0) {
    const v = varint(bytes, offset);
    return v && { wire: { field, wire, number: v.value }, next: v.next };
  }
  if (wire === 2) {
    const length = varint(bytes, offset);
    if (!length || length.next + length.value > bytes.length) return undefined;
    const end = length.next + length.value;
    return { wire: { field, wire, bytes: bytes.subarray(length.next, end) }, next: end };
  }
  const size = wire === 1 ? 8 : wire === 5 ? 4 : -1;
  if (size < 0 || offset + size > bytes.length) return undefined;
  return { wire: { field, wire }, next: offset + size };
}

function malformed(fields: Wire[], notes: string[], offset: number): Wire[] {
  notes.push(`The protobuf is malformed at byte ${offset}; decoding stopped there.`);
  return fields;
}

/** Unsigned varint up to 10 bytes; exact up to 2^53, which covers timestamps and lengths. */
function varint(bytes: Uint8Array, offset: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let k = 0; k < 10; k++) {
    const byte = bytes[offset + k];
    if (byte === undefined) return undefined;
    value += (byte & 0x7f) * 2 ** (7 * k);
    if ((byte & 0x80) === 0) return { value, next: offset + k + 1 };
  }
  return undefined;
}

const decoder = new TextDecoder('utf-8');

function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Seconds since 1970 as an ISO time; undefined when out of Date's range. */
export function unixTime(seconds: number | undefined): string | undefined {
  if (seconds === undefined || !Number.isFinite(seconds)) return undefined;
  const ms = seconds * 1000;
  if (Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}
