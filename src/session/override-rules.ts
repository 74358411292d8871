/**
 * A tab's override: its Edge calls sent to another datastream (and optionally another edge
 * domain), and its Tags library loaded from another environment. Pure: the state, its guard and
 * the `declarativeNetRequest` session rules that carry it out. Only src/background hands the
 * rules to the browser.
 *
 * Each override holds a slot, a fixed block of rule ids, for as long as it is on, so applying it
 * again replaces its rules instead of adding a second set. (Tab ids themselves can be too large
 * for rule ids, which are 32-bit.) Every rule is scoped to the tab (`condition.tabIds`).
 */
import type { DatastreamParam } from '../edge/endpoint';

/** The Tags environment whose build replaces the production library. */
export type TagsEnvironment = 'development' | 'staging';

/** What the user asked for one tab. */
export interface OverrideRequest {
  /** The datastream id the tab's Edge calls go to instead. */
  datastreamId?: string;
  /** The edge domain they go to instead (`edge.adobedc.net`, a first-party CNAME). */
  edgeDomain?: string;
  /** The Tags environment whose library replaces the production one. */
  tags?: TagsEnvironment;
}

/** One tab's override in force, as the worker keeps it in `storage.session`. */
export interface TabOverride extends OverrideRequest {
  tabId: number;
  /** Its block of rule ids (ruleIdsOf), the smallest free one when it was turned on. */
  slot: number;
  /** The datastream id the tab's calls used before, when a call had shown it. */
  original?: string;
  /** Epoch ms when it was turned on. */
  since: number;
}

/** The mark on a call sent while its tab's datastream was overridden. */
export interface CallOverride {
  /** The datastream id the page sent the call with. */
  datastreamId: string;
  /** The datastream id it was sent to. */
  to: string;
  /** The edge domain it was sent to, when that was overridden too. */
  edgeDomain?: string;
}

/** The `storage.session` key of every tab's override (an object keyed by tab id). */
export const OVERRIDES_KEY = 'datastream-overrides';

/** The datastream parameter names, one rule each, so a URL keeps the name it used. */
export const DATASTREAM_PARAMS: readonly DatastreamParam[] = [
  'configId',
  'dataStreamId',
  'datastreamId',
];

/** Rule ids per slot: one per datastream parameter and one for the Tags library. */
export const RULES_PER_SLOT = 4;
const TAGS_RULE = 3;

/** The session rule ids of a slot, whether or not they are in force. */
export function ruleIdsOf(slot: number): number[] {
  const first = (slot + 1) * RULES_PER_SLOT;
  return Array.from({ length: RULES_PER_SLOT }, (_, i) => first + i);
}

/** The slot a rule id belongs to. */
export function slotOfRuleId(id: number): number {
  return Math.floor(id / RULES_PER_SLOT) - 1;
}

/** The smallest slot none of `taken` holds. */
export function freeSlot(taken: Iterable<number>): number {
  const used = new Set(taken);
  let slot = 0;
  while (used.has(slot)) slot++;
  return slot;
}

// Datastream ids are UUIDs in practice; anything URL-safe and short is accepted, as the Edge does.
const DATASTREAM = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
// A host name, with an optional port; no scheme, path or user info.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})+(?::\\d{1,5})?$`);

export type OverrideCheck =
  { ok: true; request: OverrideRequest } | { ok: false; errors: string[] };

/**
 * The one guard for an override request, from the dialog or off the wire: trimmed values, each
 * checked, errors in words for the dialog. At least one of the three must be asked for.
 */
export function checkOverride(value: unknown): OverrideCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, errors: ['Nothing asked.'] };
  const raw = value as Record<string, unknown>;
  const errors: string[] = [];
  const request: OverrideRequest = {};
  const text = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      errors.push(`${key} must be text.`);
      return undefined;
    }
    return v.trim() || undefined;
  };
  const datastreamId = text('datastreamId');
  if (datastreamId !== undefined) {
    if (DATASTREAM.test(datastreamId)) request.datastreamId = datastreamId;
    else
      errors.push(
        'The datastream id may only hold letters, digits, "-", "_", "." and ":" (a UUID such as 8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63).',
      );
  }
  const edgeDomain = text('edgeDomain');
  if (edgeDomain !== undefined) {
    if (HOST.test(edgeDomain)) request.edgeDomain = edgeDomain.toLowerCase();
    else
      errors.push(
        'The edge domain must be a host name such as edge.adobedc.net or data.example.com, without https:// or a path.',
      );
  }
  const tags = raw.tags;
  if (tags !== undefined && tags !== null && tags !== '' && tags !== 'production') {
    if (tags === 'development' || tags === 'staging') request.tags = tags;
    else errors.push('The Tags environment must be development or staging.');
  }
  if (errors.length) return { ok: false, errors };
  if (!request.datastreamId && !request.edgeDomain && !request.tags)
    return {
      ok: false,
      errors: ['Give a datastream id, an edge domain or a Tags environment to switch to.'],
    };
  return { ok: true, request };
}

/** Reads one stored override; undefined when it is not one (a stale or foreign value). */
export function tabOverrideOf(value: unknown): TabOverride | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  if (!Number.isInteger(raw.tabId) || (raw.tabId as number) < 0) return undefined;
  if (typeof raw.since !== 'number') return undefined;
  if (!Number.isInteger(raw.slot) || (raw.slot as number) < 0 || (raw.slot as number) > 1e8)
    return undefined;
  const checked = checkOverride(raw);
  if (!checked.ok) return undefined;
  const override: TabOverride = {
    ...checked.request,
    tabId: raw.tabId as number,
    slot: raw.slot as number,
    since: raw.since,
  };
  if (typeof raw.original === 'string' && raw.original) override.original = raw.original;
  return override;
}

/** Every stored override, by tab id. */
export function overridesOf(value: unknown): Map<number, TabOverride> {
  const out = new Map<number, TabOverride>();
  if (typeof value !== 'object' || value === null) return out;
  for (const entry of Object.values(value)) {
    const override = tabOverrideOf(entry);
    // Two overrides never share a slot: the second of a stale pair is dropped.
    if (override && ![...out.values()].some((o) => o.slot === override.slot))
      out.set(override.tabId, override);
  }
  return out;
}

/** The shape `declarativeNetRequest.updateSessionRules` takes (the part used here). */
export interface RedirectRule {
  id: number;
  priority: number;
  action: {
    type: 'redirect';
    redirect: {
      transform?: {
        host?: string;
        queryTransform?: { addOrReplaceParams: Array<{ key: string; value: string }> };
      };
      regexSubstitution?: string;
    };
  };
  condition: {
    tabIds: number[];
    regexFilter: string;
    isUrlFilterCaseSensitive: boolean;
    resourceTypes: Array<'xmlhttprequest' | 'ping' | 'other' | 'script'>;
  };
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An Edge call as endpoint.ts recognises it (an `ee` base path, with or without a region, and a
 * datastream parameter), carrying the parameter `param` under exactly that name.
 */
export function edgeRegex(param: DatastreamParam): string {
  return `^https?://[^/?#]+/ee(-[a-z0-9-]+)?/[^?#]*\\?([^#]*&)?${escapeRegex(param)}=`;
}

/** A production Tags library: `assets.adobedtm.com/…/launch-<id>.min.js`. */
export const TAGS_REGEX = '^https://assets\\.adobedtm\\.com/(.*/)?launch-([A-Za-z0-9]+)\\.min\\.js';

export function tagsSubstitution(env: TagsEnvironment): string {
  return `https://assets.adobedtm.com/\\1launch-\\2-${env}.min.js`;
}

/** The session rules that carry out `override` (none for what it does not ask). */
export function overrideRules(override: TabOverride): RedirectRule[] {
  const ids = ruleIdsOf(override.slot);
  const rules: RedirectRule[] = [];
  if (override.datastreamId || override.edgeDomain) {
    DATASTREAM_PARAMS.forEach((param, slot) => {
      const transform: NonNullable<RedirectRule['action']['redirect']['transform']> = {};
      if (override.edgeDomain) transform.host = override.edgeDomain;
      if (override.datastreamId)
        transform.queryTransform = {
          addOrReplaceParams: [{ key: param, value: override.datastreamId }],
        };
      rules.push({
        id: ids[slot]!,
        priority: 1,
        action: { type: 'redirect', redirect: { transform } },
        condition: {
          tabIds: [override.tabId],
          regexFilter: edgeRegex(param),
          isUrlFilterCaseSensitive: true,
          resourceTypes: ['xmlhttprequest', 'ping', 'other'],
        },
      });
    });
  }
  if (override.tags) {
    rules.push({
      id: ids[TAGS_RULE]!,
      priority: 1,
      action: {
        type: 'redirect',
        redirect: { regexSubstitution: tagsSubstitution(override.tags) },
      },
      condition: {
        tabIds: [override.tabId],
        regexFilter: TAGS_REGEX,
        isUrlFilterCaseSensitive: true,
        resourceTypes: ['script'],
      },
    });
  }
  return rules;
}

/**
 * The mark for a call of an overridden tab: a call whose datastream the override changed, sent
 * after the override was turned on. Undefined for any other call.
 */
export function callOverrideOf(
  override: TabOverride | undefined,
  call: { tabId: number; url: string; startedAt: number; endpoint: { datastreamId?: string } },
): CallOverride | undefined {
  if (!override?.datastreamId || call.tabId !== override.tabId) return undefined;
  if (call.startedAt < override.since) return undefined;
  const sent = call.endpoint.datastreamId;
  if (!sent || sent === override.datastreamId) return undefined;
  const param = DATASTREAM_PARAMS.find((p) => new RegExp(edgeRegex(p)).test(call.url));
  if (!param) return undefined;
  const mark: CallOverride = { datastreamId: sent, to: override.datastreamId };
  if (override.edgeDomain) mark.edgeDomain = override.edgeDomain;
  return mark;
}

/** "8d4c1f52… → 0b1e2c3d…", the banner's short words for an override. */
export function overrideWords(override: OverrideRequest & { original?: string }): string {
  const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
  const parts: string[] = [];
  if (override.datastreamId)
    parts.push(
      `datastream ${override.original ? `${short(override.original)} → ` : '→ '}${short(override.datastreamId)}`,
    );
  if (override.edgeDomain) parts.push(`edge domain → ${override.edgeDomain}`);
  if (override.tags) parts.push(`Tags library → ${override.tags}`);
  return parts.join(', ');
}
