/**
 * Request-level `meta` (docs/edge-protocol.md §2.4, §3.1): the cookie state alloy copies for
 * third-party endpoints, configuration overrides, a datastream override and queue time.
 */
import { decodeCookieEntry, type CookieRow } from './cookies';
import { describeType, field, finite, flag, isRecord, keys, list, path, text } from './read';

export interface ConfigOverride {
  /** `com_adobe_analytics`… */
  key: string;
  /** What the key configures, when known. */
  service?: string;
  value: unknown;
}

export interface RequestMeta {
  /** `meta.state.domain`: the apex domain alloy writes cookies on. */
  stateDomain?: string;
  cookiesEnabled?: boolean;
  /** `meta.state.entries`: kndctr (and mbox, at_qa_mode) cookies copied into the body. */
  stateEntries: CookieRow[];
  configOverrides: ConfigOverride[];
  /** `meta.sdkConfig.datastream.original`: the configured datastream a per-command override replaced. */
  datastreamOriginal?: string;
  queueTimeMillis?: number;
  targetMigration?: boolean;
  notes: string[];
}

const SERVICES = new Map([
  [
    'com_adobe_experience_platform',
    'Experience Platform (datasets, ODE, segmentation, destinations, AJO)',
  ],
  ['com_adobe_analytics', 'Adobe Analytics (report suites)'],
  ['com_adobe_identity', 'Identity (ID sync container)'],
  ['com_adobe_target', 'Adobe Target (property token)'],
  ['com_adobe_audience_manager', 'Audience Manager'],
  ['com_adobe_launch_ssf', 'Event forwarding'],
]);

const MAX_QUEUE_MS = 300000;

export function decodeRequestMeta(meta: unknown): RequestMeta {
  const notes: string[] = [];
  const decoded: RequestMeta = { stateEntries: [], configOverrides: [], notes };
  if (meta === undefined) return decoded;
  if (!isRecord(meta)) {
    notes.push(`meta is ${describeType(meta)}, not an object.`);
    return decoded;
  }
  const state = field(meta, 'state');
  decoded.stateDomain = text(field(state, 'domain'));
  decoded.cookiesEnabled = flag(field(state, 'cookiesEnabled'));
  decoded.stateEntries = stateEntries(field(state, 'entries'), notes);
  decoded.configOverrides = overrides(field(meta, 'configOverrides'), notes);
  decoded.datastreamOriginal = text(path(meta, 'sdkConfig', 'datastream', 'original'));
  decoded.targetMigration = flag(path(meta, 'target', 'migration'));
  const queue = field(meta, 'queueTimeMillis');
  decoded.queueTimeMillis = finite(queue);
  if (queue !== undefined && decoded.queueTimeMillis === undefined)
    notes.push(`queueTimeMillis is ${describeType(queue)}, not a number.`);
  else if (decoded.queueTimeMillis !== undefined && decoded.queueTimeMillis > MAX_QUEUE_MS)
    notes.push('queueTimeMillis is above the 300000 ms alloy clamps to.');
  return decoded;
}

function stateEntries(value: unknown, notes: string[]): CookieRow[] {
  if (value === undefined) return [];
  const entries = list(value);
  if (!entries) {
    notes.push(`meta.state.entries is ${describeType(value)}, not an array.`);
    return [];
  }
  const rows: CookieRow[] = [];
  for (let i = 0; i < entries.length; i++) rows.push(decodeCookieEntry(entries[i], false));
  return rows;
}

function overrides(value: unknown, notes: string[]): ConfigOverride[] {
  if (value === undefined) return [];
  if (!isRecord(value)) {
    notes.push(`meta.configOverrides is ${describeType(value)}, not an object.`);
    return [];
  }
  return keys(value).map((key) => ({ key, service: SERVICES.get(key), value: field(value, key) }));
}
