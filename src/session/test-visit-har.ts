/**
 * For tests: a HAR of a two-page visit with the Web SDK's real bodies, whose visit checks find
 * something; the command line's, the import's and the exports' tests read the same file.
 */
import { readFileSync } from 'node:fs';

/** A body of a captured fixture (src/edge/fixtures), as the page sent or received it. */
export function fixtureBody(name: string): unknown {
  const raw = JSON.parse(
    readFileSync(new URL(`../edge/fixtures/${name}`, import.meta.url), 'utf8'),
  ) as { body: unknown };
  return typeof raw.body === 'string' ? JSON.parse(raw.body) : raw.body;
}

export const ECID_BEFORE = '41861666193140161934276845651148876988';
export const ECID_AFTER = '19283746519283746519283746519283746511';
export const HOME_URL = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-home';
export const CART_URL = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-cart';

function edgeEntry(
  pageref: string,
  started: string,
  url: string,
  request: unknown,
  response: unknown,
): Record<string, unknown> {
  const requestText = JSON.stringify(request);
  const responseText = JSON.stringify(response);
  return {
    pageref,
    startedDateTime: started,
    time: 60,
    request: {
      method: 'POST',
      url,
      httpVersion: 'HTTP/2.0',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'text/plain;charset=UTF-8' }],
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      postData: { mimeType: 'text/plain;charset=UTF-8', text: requestText, params: [] },
      headersSize: -1,
      bodySize: requestText.length,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/2.0',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'application/json;charset=utf-8' }],
      content: { size: responseText.length, mimeType: 'application/json', text: responseText },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 50, receive: 10 },
  };
}

/**
 * Two pages of one visit with the Web SDK's real bodies. The home page view gets a `__view__`
 * decision that is never followed by a display notification; then the cookies are cleared, so
 * the cart's page view carries no identity cookie and Edge returns another ECID. The visit
 * checks find `ecid-changed` and `decision-not-displayed` (and `hint-not-followed`: the cart call
 * no longer knows the region the home call was pinned to). With `mismatch`, the cart's answer
 * also stores an identity cookie of the old ECID: `ecid-cookie-mismatch`, a fail.
 */
export function visitHar(options: { mismatch?: boolean } = {}): string {
  const home = fixtureBody('request-page-view-home.json');
  const answer = fixtureBody('response-page-view.json') as { handle: unknown[] };
  const cart = fixtureBody('request-page-view-product.json') as { meta: { state: object } };
  // The cookies were cleared: the request carries no kndctr entries.
  const cleared = { ...cart, meta: { ...cart.meta, state: { domain: 'shop.example' } } };
  const identity = {
    type: 'identity:result',
    payload: [{ id: ECID_AFTER, namespace: { code: 'ECID' } }],
  };
  const stored = answer.handle.find((h) => (h as { type?: string }).type === 'state:store');
  const cartAnswer = {
    requestId: 'edge-cart',
    handle: options.mismatch ? [stored, identity] : [identity],
  };
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'Playwright', version: '1.65.1' },
      pages: [
        {
          startedDateTime: '2026-01-02T03:04:00.000Z',
          id: 'page@1',
          title: 'https://shop.example/',
          pageTimings: {},
        },
        {
          startedDateTime: '2026-01-02T03:04:10.000Z',
          id: 'page@2',
          title: 'https://shop.example/cart',
          pageTimings: {},
        },
      ],
      entries: [
        edgeEntry('page@1', '2026-01-02T03:04:01.000Z', HOME_URL, home, answer),
        edgeEntry('page@2', '2026-01-02T03:04:11.000Z', CART_URL, cleared, cartAnswer),
      ],
    },
  });
}
