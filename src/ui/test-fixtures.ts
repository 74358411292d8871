/** Builders for unit tests and fixtures: realistic CapturedCall and PageVisit records. */
import { matchEdgeUrl, type EdgeEndpoint } from '../edge/endpoint';
import type { CapturedCall, PageVisit } from '../session/call';
import type { CaptureStatus } from '../shared/protocol';

const DATASTREAM = 'ebebf826-a01f-4458-8cec-ef61de241c93';

export function edgeUrl(action = 'interact', datastream = DATASTREAM): string {
  return `https://edge.adobedc.net/ee/or2/v1/${action}?configId=${datastream}&requestId=r-1`;
}

function endpointOf(url: string): EdgeEndpoint {
  const endpoint = matchEdgeUrl(url);
  if (!endpoint) throw new Error(`not an Edge URL: ${url}`);
  return endpoint;
}

export function makeCall(seq: number, overrides: Partial<CapturedCall> = {}): CapturedCall {
  const url = overrides.url ?? edgeUrl();
  return {
    id: `call-${seq}`,
    seq,
    tabId: 7,
    pageId: 'page-a',
    url,
    method: 'POST',
    endpoint: endpointOf(url),
    transport: 'fetch',
    startedAt: Date.UTC(2026, 10, 25, 1, 45, 23) + seq * 1000,
    durationMs: 120,
    state: 'complete',
    status: 200,
    request: { captured: true, size: 900, contentType: 'text/plain; charset=UTF-8' },
    response: { captured: true, size: 2100, contentType: 'application/json' },
    sources: ['webRequest', 'page-hook'],
    eventTypes: ['web.webpagedetails.pageViews'],
    keys: { webRequestId: `wr-${seq}` },
    ...overrides,
  };
}

export function makePage(id: string, overrides: Partial<PageVisit> = {}): PageVisit {
  return {
    id,
    tabId: 7,
    url: `https://www.example.com/${id}`,
    startedAt: Date.UTC(2026, 10, 25, 1, 45, 0),
    ...overrides,
  };
}

export function makeStatus(overrides: Partial<CaptureStatus> = {}): CaptureStatus {
  return { paused: false, evicted: 0, stored: 0, ...overrides };
}

/**
 * happy-dom has no layout: gives every element a size, so the virtualiser renders rows. Returns
 * what puts the real properties back.
 */
export function fakeLayout(sizes = { clientHeight: 240, clientWidth: 1000 }): () => void {
  const saved = Object.keys(sizes).map(
    (key) => [key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)] as const,
  );
  for (const [key, value] of Object.entries(sizes)) {
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
  return () => {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
    }
  };
}
