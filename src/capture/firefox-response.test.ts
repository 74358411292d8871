import { describe, expect, it } from 'vitest';
import type { WebRequestObservation } from '../session/observation';
import type { FilteringWebRequest, ResponseFilter } from './firefox-response';
import { StreamedBody, canFilterResponses, listenResponseBodies } from './firefox-response';
import type { Details } from './webrequest';

const EDGE = 'https://edge.adobedc.net/ee/v1/interact?configId=ds-1&requestId=r-1';

function bytes(text: string): ArrayBuffer {
  const view = new TextEncoder().encode(text);
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}

/** Splits a buffer into pieces of `size` bytes, cutting multi-byte characters on purpose. */
function chunks(buffer: ArrayBuffer, size: number): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (let i = 0; i < buffer.byteLength; i += size) out.push(buffer.slice(i, i + size));
  return out;
}

class FakeFilter implements ResponseFilter {
  ondata: ResponseFilter['ondata'] = null;
  onstop: ResponseFilter['onstop'] = null;
  onerror: ResponseFilter['onerror'] = null;
  written: Uint8Array[] = [];
  closed = false;
  write(data: ArrayBuffer | Uint8Array): void {
    this.written.push(new Uint8Array(data instanceof Uint8Array ? data : data.slice(0)));
  }
  close(): void {
    this.closed = true;
  }
  deliver(parts: ArrayBuffer[]): void {
    for (const data of parts) this.ondata?.({ data });
    this.onstop?.({});
  }
}

function fakeWebRequest(options: { failFilter?: boolean } = {}) {
  const filters = new Map<string, FakeFilter>();
  let listener: ((details: Details) => undefined) | undefined;
  let registration: { urls: string[]; extra: string[] } | undefined;
  const api: FilteringWebRequest = {
    onBeforeRequest: {
      addListener(cb, filter, extra) {
        listener = cb;
        registration = { urls: filter.urls, extra };
      },
    },
    filterResponseData(requestId) {
      if (options.failFilter) throw new Error('Missing webRequestBlocking');
      const filter = new FakeFilter();
      filters.set(requestId, filter);
      return filter;
    },
  };
  const request = (url: string, requestId = '7') =>
    listener?.({
      requestId,
      url,
      method: 'POST',
      tabId: 3,
      frameId: 0,
      timeStamp: 1_000,
      type: 'xmlhttprequest',
    } as Details);
  return { api, filters, request, registration: () => registration };
}

function listen(options: { cap?: number; failFilter?: boolean } = {}) {
  const web = fakeWebRequest(options);
  const seen: WebRequestObservation[] = [];
  listenResponseBodies(web.api, (obs) => seen.push(obs), options.cap);
  return { ...web, seen };
}

describe('canFilterResponses', () => {
  it.each([
    ['Firefox webRequest', { filterResponseData: () => undefined }, true],
    ['Chromium webRequest', { onBeforeRequest: {} }, false],
    ['nothing', undefined, false],
  ])('%s → %s', (_name, api, expected) => {
    expect(canFilterResponses(api)).toBe(expected);
  });
});

describe('listenResponseBodies', () => {
  it('registers a blocking listener on the Edge URL patterns only', () => {
    const { registration } = listen();
    expect(registration()?.extra).toEqual(['blocking']);
    expect(registration()?.urls.length).toBeGreaterThan(0);
  });

  it('passes every chunk to the page unchanged and reports the decoded body once it ends', () => {
    const { request, filters, seen } = listen();
    const text = '{"requestId":"r-1","handle":[{"payload":"Zoë 東京 🎉"}]}';
    const wire = bytes(text);
    request(EDGE);
    const filter = filters.get('7');
    expect(filter).toBeDefined();
    // 3-byte pieces cut é, 東 and the emoji in half: the streaming decoder must join them.
    filter?.deliver(chunks(wire, 3));
    const passed = Buffer.concat(filter?.written ?? []);
    expect(passed.equals(Buffer.from(wire))).toBe(true);
    expect(filter?.closed).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      source: 'webRequest',
      phase: 'response',
      webRequestId: '7',
      tabId: 3,
      url: EDGE,
      responseBody: { text, size: wire.byteLength },
    });
    expect(seen[0]?.responseBody).not.toHaveProperty('truncated');
  });

  it('reports an empty body (a 204) as empty text', () => {
    const { request, filters, seen } = listen();
    request(EDGE);
    filters.get('7')?.deliver([]);
    expect(seen[0]?.responseBody).toEqual({ text: '', size: 0 });
  });

  it('leaves requests that are not Edge calls alone', () => {
    const { request, filters, seen } = listen();
    request('https://edge.adobedc.net/ee/v1/interact');
    request('https://www.example.com/ee/v1/interact?configId=x', '8');
    request('https://cdn.example.com/app.js?configId=x', '9');
    expect(filters.size).toBe(1);
    expect(filters.has('8')).toBe(true);
    expect(seen).toHaveLength(0);
  });

  it('keeps capping at the cap while the page still gets every byte', () => {
    const { request, filters, seen } = listen({ cap: 10 });
    const text = 'x'.repeat(25);
    request(EDGE);
    filters.get('7')?.deliver(chunks(bytes(text), 4));
    expect(Buffer.concat(filters.get('7')?.written ?? []).toString()).toBe(text);
    expect(seen[0]?.responseBody).toEqual({ text: 'x'.repeat(10), size: 25, truncated: true });
  });

  it('does nothing (and does not throw) when Firefox refuses a filter', () => {
    const { request, seen } = listen({ failFilter: true });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(() => request(EDGE)).not.toThrow();
    } finally {
      console.warn = warn;
    }
    expect(seen).toHaveLength(0);
  });

  it('reports nothing for a request that failed', () => {
    const { request, filters, seen } = listen();
    request(EDGE);
    filters.get('7')?.onerror?.({});
    expect(seen).toHaveLength(0);
  });
});

describe('StreamedBody', () => {
  it('never keeps half of a surrogate pair at the cap', () => {
    const body = new StreamedBody(3);
    body.push(bytes('ab😀c'));
    const result = body.finish();
    expect(result).toEqual({ text: 'ab', size: 7, truncated: true });
  });

  it('turns invalid UTF-8 into U+FFFD instead of throwing', () => {
    const body = new StreamedBody();
    body.push(new Uint8Array([0x7b, 0xff, 0x7d]).buffer);
    expect(body.finish()).toEqual({ text: '{\ufffd}', size: 3 });
  });

  it('flushes a character cut at the very end as U+FFFD', () => {
    const body = new StreamedBody();
    body.push(bytes('é').slice(0, 1));
    expect(body.finish()).toEqual({ text: '\ufffd', size: 1 });
  });
});
