/**
 * "Copy as alloy": the edited request body as Web SDK `sendEvent` commands, one per
 * event, using only options `sendEvent` accepts (alloy validates with noUnknownFields):
 * xdm, data, documentUnloading, personalization, edgeConfigOverrides. What alloy adds by itself
 * (timestamp, implementation details, device/environment/place context, page URL and referrer)
 * is left out, or the snippet would freeze one visitor's context into every later event.
 * Pure and total.
 */
import { parseJson } from './json';
import { isRecord } from './read';

export interface AlloySnippetOptions {
  /** The datastream id the edited URL sends to. */
  datastreamId?: string;
  /** The datastream the page's alloy is configured with (the original call's). */
  configuredDatastreamId?: string;
  /** The alloy instance name (`alloy` unless the page named it otherwise). */
  instance?: string;
  /** The call went out as a beacon / to `collect`: the event was sent while unloading. */
  unloading?: boolean;
}

export type AlloySnippet =
  { ok: true; text: string; notes: string[] } | { ok: false; message: string };

type Json = Record<string, unknown>;

/** XDM paths alloy fills in itself (its context component and the event basics). */
const AUTOMATIC_XDM: readonly (readonly string[])[] = [
  ['timestamp'],
  ['implementationDetails'],
  ['device'],
  ['environment'],
  ['placeContext'],
  ['web', 'webReferrer'],
  ['web', 'webPageDetails', 'URL'],
];

function removePath(root: Json, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(root, head)) return;
  if (!rest.length) {
    delete root[head];
    return;
  }
  const child = root[head];
  if (!isRecord(child)) return;
  removePath(child, rest);
  if (!Object.keys(child).length) delete root[head];
}

function eventsOf(body: Json): Json[] {
  if (Array.isArray(body.events)) return body.events.filter(isRecord);
  if (isRecord(body.event)) return [body.event];
  return [];
}

/** `web://host/path#hero` → `#hero`; the page's own surface (no fragment) alloy adds itself. */
function userSurfaces(surfaces: unknown): string[] {
  if (!Array.isArray(surfaces)) return [];
  return surfaces
    .filter((s): s is string => typeof s === 'string')
    .map((s) => (s.startsWith('web://') && s.includes('#') ? s.slice(s.indexOf('#')) : s))
    .filter((s) => !s.startsWith('web://'));
}

function personalizationOf(event: Json): Json | undefined {
  const query = isRecord(event.query) ? event.query : undefined;
  const wanted = query && isRecord(query.personalization) ? query.personalization : undefined;
  if (!wanted) return undefined;
  const scopes = Array.isArray(wanted.decisionScopes)
    ? wanted.decisionScopes.filter((s): s is string => typeof s === 'string')
    : [];
  const out: Json = {};
  const named = scopes.filter((s) => s !== '__view__');
  if (named.length) out.decisionScopes = named;
  const surfaces = userSurfaces(wanted.surfaces);
  if (surfaces.length) out.surfaces = surfaces;
  // alloy asks for `__view__` itself on the first event of a page; this asks for it every time.
  if (scopes.includes('__view__')) out.defaultPersonalizationEnabled = true;
  return Object.keys(out).length ? out : undefined;
}

function optionsOf(event: Json, body: Json, options: AlloySnippetOptions): Json {
  const out: Json = {};
  if (isRecord(event.xdm)) {
    const xdm = structuredClone(event.xdm);
    for (const path of AUTOMATIC_XDM) removePath(xdm, path);
    out.xdm = xdm;
  }
  if (isRecord(event.data) && Object.keys(event.data).length) out.data = event.data;
  if (options.unloading) out.documentUnloading = true;
  const personalization = personalizationOf(event);
  if (personalization) out.personalization = personalization;
  const meta = isRecord(body.meta) ? body.meta : undefined;
  const overrides: Json = isRecord(meta?.configOverrides)
    ? structuredClone(meta.configOverrides)
    : {};
  const { datastreamId, configuredDatastreamId } = options;
  if (datastreamId && configuredDatastreamId && datastreamId !== configuredDatastreamId) {
    overrides.datastreamId = datastreamId;
  }
  if (Object.keys(overrides).length) out.edgeConfigOverrides = overrides;
  return out;
}

function callee(instance: string | undefined): string {
  const name = instance || 'alloy';
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : `window[${JSON.stringify(name)}]`;
}

export function toAlloySendEvent(
  bodyText: string,
  options: AlloySnippetOptions = {},
): AlloySnippet {
  const parsed = parseJson(bodyText);
  if (!parsed.ok)
    return { ok: false, message: `The body is not valid JSON: ${parsed.error.summary}` };
  if (!isRecord(parsed.value)) return { ok: false, message: 'The body is not a JSON object.' };
  const body = parsed.value;
  const events = eventsOf(body);
  if (!events.length)
    return { ok: false, message: 'The body has no events: only sendEvent calls can be copied.' };
  const fn = callee(options.instance);
  const text = events
    .map(
      (event) => `${fn}("sendEvent", ${JSON.stringify(optionsOf(event, body, options), null, 2)});`,
    )
    .join('\n\n');
  const notes = [
    'Left out what alloy adds itself: timestamp, implementation details, device, environment, place context, page URL and referrer.',
  ];
  if (
    Array.isArray(
      isRecord(body.meta) && isRecord(body.meta.state) ? body.meta.state.entries : undefined,
    )
  ) {
    notes.push(
      'meta.state (the cookies alloy copies into the body) comes from the page, not from sendEvent.',
    );
  }
  return { ok: true, text, notes };
}
