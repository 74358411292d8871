/**
 * Recorded visits for the visit tests: the bodies are the Web SDK's own (captured from
 * @adobe/alloy 2.33.1 by scripts/capture-fixtures.mjs, src/edge/fixtures), put together into a
 * three-page visit, and each check's trigger is one change to it. Test-only.
 */
import type { RenderRecord } from '../edge/render-event';
import { requestFixture, responseFixture } from '../edge/test-fixtures';
import { analyzeCall, withAnalysis } from './analysis';
import type { CapturedCall, PageVisit } from './call';
import { matchEdgeUrl } from '../edge/endpoint';

export const ORG = '53A16ACB5CC1D3760A495C99@AdobeOrg';
const ORG_KEY = ORG.replace('@', '_');
/** Identity cookie values whose decoded ECIDs are A and B (captured, decoded by the tests). */
export const COOKIE_A =
  'CiY0MTg2MTY2NjE5MzE0MDE2MTkzNDI3Njg0NTY1MTE0ODg3Njk4OFIRCMD2mckGEAEYASoDT1IyMADwAdCSmskG';
export const ECID_A = '41861666193140161934276845651148876988';
export const COOKIE_B = 'CiY4NDI2ODA1MDYyNjE0ODkyNTI3MDI1OTA0ODgwOTI3MTAyNjYyMfABhNue2AY=';
export const ECID_B = '84268050626148925270259048809271026621';
export const OFFER = 'AT:eyJhY3Rpdml0eUlkIjoiMTAwMDAxIiwiZXhwZXJpZW5jZUlkIjoiMCJ9';
export const CONFIG = '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63';

type Json = Record<string, unknown>;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export interface Step {
  /** A name for the call in assertions (its id). */
  id: string;
  page: string;
  /** Seconds into the visit. */
  at: number;
  path: string;
  request?: Json;
  response?: Json;
  status?: number;
  state?: CapturedCall['state'];
}

export function stateEntries(cookie?: string, cluster = 'or2'): Json {
  const entries: Json[] = [{ key: `kndctr_${ORG_KEY}_cluster`, value: cluster }];
  if (cookie) entries.push({ key: `kndctr_${ORG_KEY}_identity`, value: cookie });
  return { state: { domain: '127.0.0.1', cookiesEnabled: true, entries } };
}

/** The home page view as alloy sent it, with the identity cookie it carried (none: first visit). */
export function pageViewRequest(name: string, cookie?: string): Json {
  const body = clone(requestFixture('page-view-home').body) as Json;
  const events = body.events as Json[];
  const xdm = (events[0] as Json).xdm as Json;
  (xdm.web as Json).webPageDetails = { URL: `http://127.0.0.1/${name}`, name };
  body.meta = { ...(body.meta as Json), ...stateEntries(cookie) };
  return body;
}

/** Edge's answer to the page view: identity, cookies, hints, one __view__ decision (captured). */
export function pageViewResponse(
  options: { ecid?: string; cookie?: string; decision?: boolean } = {},
): Json {
  const body = clone(responseFixture('page-view').body) as Json;
  const handles = (body.handle as Json[]).filter(
    (h) => options.decision !== false || h.type !== 'personalization:decisions',
  );
  for (const handle of handles) {
    if (handle.type === 'identity:result' && options.ecid)
      ((handle.payload as Json[])[0] as Json).id = options.ecid;
    if (handle.type === 'state:store' && options.cookie)
      ((handle.payload as Json[])[0] as Json).value = options.cookie;
  }
  body.handle = handles;
  return body;
}

/** The display notification alloy sends after rendering (captured), for these proposition ids. */
export function displayRequest(ids: readonly string[], cookie = COOKIE_A): Json {
  const body = clone(requestFixture('proposition-display').body) as Json;
  const event = (body.events as Json[])[0] as Json;
  const decisioning = ((event.xdm as Json)._experience as Json).decisioning as Json;
  decisioning.propositions = ids.map((id) => ({ id, scope: '__view__' }));
  body.meta = { ...(body.meta as Json), ...stateEntries(cookie) };
  return body;
}

export function consentRequest(general: 'in' | 'out', cookie = COOKIE_A): Json {
  const body = clone(requestFixture('consent-out').body) as Json;
  body.consent = [{ standard: 'Adobe', version: '1.0', value: { general } }];
  body.meta = { ...(body.meta as Json), ...stateEntries(cookie) };
  return body;
}

export function addToCartRequest(cookie = COOKIE_A): Json {
  const body = clone(requestFixture('add-to-cart').body) as Json;
  body.meta = { ...(body.meta as Json), ...stateEntries(cookie) };
  return body;
}

export function mediaPing(sessionId: string, playhead: number): Json {
  return {
    events: [
      { xdm: { eventType: 'media.ping', mediaCollection: { sessionID: sessionId, playhead } } },
    ],
  };
}

const url = (path: string, n: number) =>
  `https://edge.adobedc.net/ee/${path}?configId=${CONFIG}&requestId=00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Calls as the worker stores them: analysed, with their stored facts. */
export function session(
  steps: readonly Step[],
  renders: Record<string, RenderRecord[]> = {},
): { calls: CapturedCall[]; pages: PageVisit[] } {
  const T0 = Date.UTC(2026, 11, 7, 12);
  const pages = new Map<string, PageVisit>();
  const calls = steps.map((step, i) => {
    const startedAt = T0 + step.at * 1000;
    if (!pages.has(step.page))
      pages.set(step.page, {
        id: step.page,
        tabId: 1,
        url: `http://127.0.0.1/${step.page}`,
        title: step.page,
        startedAt: startedAt - 100,
        ...(renders[step.page]
          ? {
              renders: renders[step.page]?.map((r) => ({ ...r, at: T0 + r.at * 1000 })),
            }
          : {}),
      } as PageVisit);
    const address = url(step.path, i + 1);
    const endpoint = matchEdgeUrl(address);
    if (!endpoint) throw new Error(`not an Edge URL: ${address}`);
    const requestText = step.request ? JSON.stringify(step.request) : undefined;
    const responseText = step.response ? JSON.stringify(step.response) : undefined;
    const call: CapturedCall = {
      id: step.id,
      seq: i + 1,
      tabId: 1,
      pageId: step.page,
      url: address,
      method: 'POST',
      endpoint,
      startedAt,
      state: step.state ?? 'complete',
      status: step.status ?? (responseText ? 200 : 204),
      request: { captured: requestText !== undefined },
      response: { captured: responseText !== undefined },
      sources: ['webRequest', 'page-hook'],
      keys: {},
    };
    return withAnalysis(call, analyzeCall(call, requestText, responseText));
  });
  return { calls, pages: [...pages.values()] };
}

/** A clean three-page visit: first visit (no cookie), then A on every call; X rendered, shown. */
export function cleanSteps(): Step[] {
  return [
    {
      id: 'home-view',
      page: 'home',
      at: 0,
      path: 'v1/interact',
      request: pageViewRequest('home'),
      response: pageViewResponse({ ecid: ECID_A, cookie: COOKIE_A }),
    },
    {
      id: 'home-display',
      page: 'home',
      at: 1,
      path: 'or2/v1/interact',
      request: displayRequest([OFFER]),
      response: { requestId: 'x', handle: [] },
    },
    {
      id: 'product-view',
      page: 'product',
      at: 20,
      path: 'or2/v1/interact',
      request: pageViewRequest('product', COOKIE_A),
      response: pageViewResponse({ ecid: ECID_A, cookie: COOKIE_A, decision: false }),
    },
    {
      id: 'product-cart',
      page: 'product',
      at: 25,
      path: 'or2/v1/interact',
      request: addToCartRequest(),
      response: { requestId: 'y', handle: [] },
    },
    {
      id: 'checkout-consent',
      page: 'checkout',
      at: 40,
      path: 'or2/v1/privacy/set-consent',
      request: consentRequest('in'),
      response: { requestId: 'z', handle: [] },
    },
  ];
}

export const CLEAN_RENDERS: Record<string, RenderRecord[]> = {
  // As alloy reports them: started, then succeeded.
  home: [
    { at: 0.4, status: 'rendering-started', propositions: [{ id: OFFER, scope: '__view__' }] },
    { at: 0.5, status: 'rendering-succeeded', propositions: [{ id: OFFER, scope: '__view__' }] },
  ],
};
