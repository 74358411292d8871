/**
 * Proposition items by schema (docs/edge-protocol.md §5, `personalization:decisions`): dom-action,
 * html, json, redirect, measurement, default content, ruleset, in-app message, content card,
 * native alert, event history and Offer Decisioning content components. Content stays data: a
 * `<script>` in a dom-action or a `javascript:` redirect is reported, never acted on.
 */
import { parseJson } from './json';
import { describeType, field, isRecord, keys, list, plural, quote, strings, text } from './read';
import { shortSchema } from './schemas';

export type ItemKind =
  | 'dom-action'
  | 'html'
  | 'json'
  | 'redirect'
  | 'measurement'
  | 'default-content'
  | 'ruleset'
  | 'in-app-message'
  | 'content-card'
  | 'native-alert'
  | 'event-history'
  | 'offer'
  | 'unknown';

export interface ConsequenceView {
  id?: string;
  type?: string;
  schema?: string;
  kind: ItemKind;
}

export interface RuleView {
  condition?: unknown;
  consequences: ConsequenceView[];
}

export interface PropositionItemView {
  index: number;
  id?: string;
  /** The full schema URI, verbatim. */
  schema?: string;
  /** `dom-action`, `message/in-app`, `offer-management/content-component-json`… */
  schemaShort: string;
  kind: ItemKind;
  /** One plain-language line: `setHtml on #target-container`, `redirect to https://…`. */
  summary: string;
  actionType?: string;
  selector?: string;
  prehidingSelector?: string;
  format?: string;
  content?: unknown;
  url?: string;
  rules?: RuleView[];
  language?: string[];
  deliveryUrl?: string;
  /** Item `meta` entries with text or number values (`activity.name`, `offer.id`…). */
  meta: { name: string; value: string }[];
  data?: unknown;
  notes: string[];
}

const KINDS = new Map<string, ItemKind>([
  ['dom-action', 'dom-action'],
  ['html-content-item', 'html'],
  ['json-content-item', 'json'],
  ['redirect-item', 'redirect'],
  ['measurement', 'measurement'],
  ['default-content-item', 'default-content'],
  ['ruleset-item', 'ruleset'],
  ['message/in-app', 'in-app-message'],
  ['message/content-card', 'content-card'],
  ['message/native-alert', 'native-alert'],
  ['eventHistoryOperation', 'event-history'],
]);

// alloy dom-actions/initDomActionsModules.js
const DOM_ACTIONS = new Set(
  'setHtml customCode setText setAttribute setImageSource setStyle move resize rearrange remove insertAfter insertBefore replaceHtml prependHtml appendHtml click collectInteractions'.split(
    ' ',
  ),
);

export function itemKind(schema: string | undefined): ItemKind {
  if (schema === undefined) return 'unknown';
  const short = shortSchema(schema);
  if (short.startsWith('offer-management/content-component-')) return 'offer';
  return KINDS.get(short) ?? 'unknown';
}

/** One `items[]` entry. */
export function decodeItem(item: unknown, index: number): PropositionItemView {
  const notes: string[] = [];
  const schema = text(field(item, 'schema'));
  const kind = itemKind(schema);
  const view: PropositionItemView = {
    index,
    id: text(field(item, 'id')),
    schema,
    schemaShort: schema === undefined ? '(no schema)' : shortSchema(schema),
    kind,
    summary: '',
    meta: metaEntries(field(item, 'meta')),
    data: field(item, 'data'),
    notes,
  };
  if (!isRecord(item)) notes.push(`The item is ${describeType(item)}, not an object.`);
  else if (schema === undefined) notes.push('The item has no schema.');
  const data = view.data;
  view.format = text(field(data, 'format'));
  if (kind !== 'default-content' && data !== undefined && !isRecord(data))
    notes.push(`data is ${describeType(data)}, not an object.`);
  view.summary = SUMMARIES[kind](view, data);
  return view;
}

type Summarise = (view: PropositionItemView, data: unknown) => string;

const SUMMARIES: Record<ItemKind, Summarise> = {
  'dom-action': domAction,
  html: (view, data) => {
    view.content = field(data, 'content');
    const content = text(view.content);
    return content === undefined
      ? 'HTML content (none)'
      : `HTML content (${plural(content.length, 'character')})`;
  },
  json: jsonContent,
  redirect,
  measurement: (_view, data) => `measure ${text(field(data, 'type')) ?? 'an interaction'} (metric)`,
  'default-content': () => 'default content: show the page as it is (control)',
  ruleset,
  'in-app-message': () => 'in-app message (Journey Optimizer)',
  'content-card': () => 'content card (Journey Optimizer)',
  'native-alert': () => 'native alert (Journey Optimizer)',
  'event-history': (_view, data) =>
    `event history ${text(field(data, 'operation')) ?? 'operation'}`,
  offer,
  unknown: (view) => `item with schema ${view.schemaShort}`,
};

function domAction(view: PropositionItemView, data: unknown): string {
  view.actionType = text(field(data, 'type'));
  view.selector = text(field(data, 'selector'));
  view.prehidingSelector = text(field(data, 'prehidingSelector'));
  view.content = field(data, 'content');
  if (view.actionType === undefined) view.notes.push('The dom-action has no type.');
  else if (!DOM_ACTIONS.has(view.actionType))
    view.notes.push(`${quote(view.actionType)} is not an action type alloy knows.`);
  if (typeof view.content === 'string' && /<script\b/i.test(view.content))
    view.notes.push('The content contains a <script> element.');
  const action = view.actionType ?? '(no type)';
  return view.selector === undefined ? `${action} (no selector)` : `${action} on ${view.selector}`;
}

function jsonContent(view: PropositionItemView, data: unknown): string {
  view.content = field(data, 'content');
  let shown = view.content;
  if (typeof view.content === 'string') {
    const parsed = parseJson(view.content);
    if (parsed.ok) shown = parsed.value;
    view.notes.push(
      parsed.ok
        ? 'content is a JSON string rather than an object.'
        : `content is a string that is not JSON: ${parsed.error.summary}`,
    );
  }
  const fields = keys(shown);
  return fields.length > 0 ? `JSON content (${fields.join(', ')})` : 'JSON content';
}

function redirect(view: PropositionItemView, data: unknown): string {
  view.url = text(field(data, 'content'));
  if (view.url === undefined) return 'redirect (no URL)';
  if (/^\s*javascript:/i.test(view.url))
    view.notes.push('The redirect target is a javascript: URL.');
  return `redirect to ${view.url}`;
}

function ruleset(view: PropositionItemView, data: unknown): string {
  const rules = list(field(data, 'rules'));
  if (!rules) {
    view.notes.push('The ruleset has no rules array.');
    return 'ruleset (no rules)';
  }
  view.rules = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const consequences = list(field(rule, 'consequences')) ?? [];
    view.rules.push({
      condition: field(rule, 'condition'),
      consequences: consequences.map((c: unknown) => {
        const detail = field(c, 'detail');
        const schema = text(field(detail, 'schema'));
        return {
          id: text(field(detail, 'id')) ?? text(field(c, 'id')),
          type: text(field(c, 'type')),
          schema,
          kind: itemKind(schema),
        };
      }),
    });
  }
  const shorts = view.rules.flatMap((r) =>
    r.consequences.map((c) => (c.schema === undefined ? '(no schema)' : shortSchema(c.schema))),
  );
  const distinct = [...new Set(shorts)];
  return `ruleset: ${plural(rules.length, 'rule')}${distinct.length ? `; consequences: ${distinct.join(', ')}` : ''}`;
}

function offer(view: PropositionItemView, data: unknown): string {
  view.content = field(data, 'content');
  view.deliveryUrl = text(field(data, 'deliveryURL'));
  view.language = strings(field(data, 'language')).values;
  const what = view.schemaShort.replace('offer-management/content-component-', '');
  return `offer ${what}${view.format ? ` (${view.format})` : ''}`;
}

function metaEntries(meta: unknown): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const name of keys(meta)) {
    const value = field(meta, name);
    if (typeof value === 'string' || typeof value === 'number')
      out.push({ name, value: String(value) });
  }
  return out;
}
