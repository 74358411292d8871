/**
 * `personalization:decisions` propositions (docs/edge-protocol.md §5): scope, decision provider,
 * activity, experience and placement, then the items. Offer Decisioning propositions have no
 * `scopeDetails`: their activity and placement sit at the top level, and their scope is
 * base64 JSON naming both.
 */
import { parseJson } from './json';
import { decodeItem, type PropositionItemView } from './proposition-items';
import { describeType, field, finite, idText, isRecord, list, path, text } from './read';

export type ScopeKind = 'page' | 'view' | 'mbox' | 'offer-decisioning' | 'surface' | 'unknown';

export interface PropositionView {
  index: number;
  id?: string;
  scope?: string;
  scopeKind: ScopeKind;
  /** `the whole page (__view__)`, `mbox "product-recs"`… */
  scopeText: string;
  /** The decoded base64 scope of Offer Decisioning. */
  offerScope?: { activityId?: string; placementId?: string };
  /** `TGT`, `AJO` as sent. */
  decisionProviderCode?: string;
  /** `Adobe Target`, `Journey Optimizer`, `Offer Decisioning`. */
  decisionProvider?: string;
  activity?: { id?: string; name?: string; etag?: string; priority?: number };
  experience?: { id?: string; name?: string };
  placement?: { id?: string; etag?: string };
  scopeType?: string;
  analyticsToken?: string;
  items: PropositionItemView[];
  notes: string[];
}

const PROVIDERS = new Map([
  ['TGT', 'Adobe Target'],
  ['AJO', 'Journey Optimizer'],
]);

export function decodeProposition(value: unknown, index: number): PropositionView {
  const notes: string[] = [];
  const view: PropositionView = {
    index,
    scopeKind: 'unknown',
    scopeText: '(no scope)',
    items: [],
    notes,
  };
  if (!isRecord(value)) {
    notes.push(`The proposition is ${describeType(value)}, not an object.`);
    return view;
  }
  view.id = text(field(value, 'id'));
  view.scope = text(field(value, 'scope'));
  const details = field(value, 'scopeDetails');
  readScope(view, text(path(details, 'characteristics', 'scopeType')));
  if (isRecord(details)) readScopeDetails(view, details);
  else readOfferDecisioning(view, value);
  readItems(view, field(value, 'items'));
  // Target puts the human-readable names in each item's meta, not in scopeDetails.
  const meta = view.items.flatMap((item) => item.meta);
  const activityName = meta.find((m) => m.name === 'activity.name')?.value;
  const experienceName = meta.find((m) => m.name === 'experience.name')?.value;
  if (activityName !== undefined) (view.activity ??= {}).name = activityName;
  if (experienceName !== undefined) (view.experience ??= {}).name = experienceName;
  return view;
}

function readScope(view: PropositionView, scopeType: string | undefined): void {
  view.scopeType = scopeType;
  const scope = view.scope;
  if (scope === undefined) return;
  const offerScope = decodeOfferScope(scope);
  if (scope === '__view__') {
    view.scopeKind = 'page';
    view.scopeText = 'the whole page (__view__)';
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(scope)) {
    view.scopeKind = 'surface';
    view.scopeText = `surface ${scope}`;
  } else if (offerScope) {
    view.scopeKind = 'offer-decisioning';
    view.offerScope = offerScope;
    view.scopeText = `Offer Decisioning placement ${offerScope.placementId ?? '?'} of activity ${offerScope.activityId ?? '?'}`;
  } else if (scopeType === 'view') {
    view.scopeKind = 'view';
    view.scopeText = `view ${JSON.stringify(scope)}`;
  } else {
    view.scopeKind = 'mbox';
    view.scopeText = `mbox ${JSON.stringify(scope)}`;
  }
}

function readScopeDetails(view: PropositionView, details: unknown): void {
  view.decisionProviderCode = text(field(details, 'decisionProvider'));
  const code = view.decisionProviderCode;
  view.decisionProvider = code === undefined ? undefined : (PROVIDERS.get(code) ?? code);
  const activity = field(details, 'activity');
  if (activity !== undefined)
    view.activity = {
      id: idText(field(activity, 'id')),
      priority: finite(field(activity, 'priority')),
    };
  const experience = field(details, 'experience');
  if (experience !== undefined) view.experience = { id: idText(field(experience, 'id')) };
  view.analyticsToken = text(path(details, 'characteristics', 'analyticsToken'));
  if (code === undefined) view.notes.push('scopeDetails has no decisionProvider.');
}

/** Offer Decisioning: `activity: {id, etag}` and `placement: {id, etag}` at the top level. */
function readOfferDecisioning(view: PropositionView, value: unknown): void {
  const activity = field(value, 'activity');
  const placement = field(value, 'placement');
  if (activity === undefined && placement === undefined) {
    view.notes.push(
      'The proposition has neither scopeDetails nor Offer Decisioning activity/placement.',
    );
    return;
  }
  view.decisionProvider = 'Offer Decisioning';
  if (activity !== undefined)
    view.activity = { id: idText(field(activity, 'id')), etag: idText(field(activity, 'etag')) };
  if (placement !== undefined)
    view.placement = { id: idText(field(placement, 'id')), etag: idText(field(placement, 'etag')) };
}

function readItems(view: PropositionView, items: unknown): void {
  const array = list(items);
  if (!array) {
    view.notes.push(
      items === undefined
        ? 'The proposition has no items.'
        : `items is ${describeType(items)}, not an array.`,
    );
    return;
  }
  if (array.length === 0) view.notes.push('The proposition has no items.');
  for (let i = 0; i < array.length; i++) view.items.push(decodeItem(array[i], i));
}

const BASE64 = /^[A-Za-z0-9+/_-]{8,}={0,2}$/;
const MAX_SCOPE = 4096;

/** `eyJ4ZG06YWN0aXZpdHlJZCI6…` → `{activityId, placementId}`, when the scope is that. */
export function decodeOfferScope(
  scope: string,
): { activityId?: string; placementId?: string } | undefined {
  if (scope.length > MAX_SCOPE || !BASE64.test(scope)) return undefined;
  let json: string;
  try {
    const binary = atob(scope.replace(/-/g, '+').replace(/_/g, '/'));
    json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const parsed = parseJson(json);
  if (!parsed.ok) return undefined;
  const activityId = text(field(parsed.value, 'xdm:activityId'));
  const placementId = text(field(parsed.value, 'xdm:placementId'));
  return activityId === undefined && placementId === undefined
    ? undefined
    : { activityId, placementId };
}
