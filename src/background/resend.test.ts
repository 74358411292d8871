import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import type { CapturedCall } from '../session/call';
import type { Observation } from '../session/observation';
import type { ResendRequest } from '../session/resend-draft';
import { CaptureSession } from './capture-session';
import { Resender } from './resend';
import { cleanResendRequest } from './resend-send';
import { memoryStore } from './test-store';

const ORIGINAL_URL = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=orig';

function webRequest(url: string, tabId: number, id: string): Observation {
  return {
    source: 'webRequest',
    phase: 'request',
    webRequestId: id,
    tabId,
    frameId: 0,
    url,
    method: 'POST',
    time: Date.now(),
  };
}

function pageHook(url: string, tabId: number, hookId: string, body: string): Observation {
  return {
    source: 'page-hook',
    phase: 'request',
    hookId,
    tabId,
    url,
    method: 'POST',
    transport: 'fetch',
    time: Date.now(),
    requestBody: { text: body },
  };
}

interface FakeBrowserOptions {
  tabGone?: boolean;
  /** What the page does when the script runs in it. */
  onPageSend?: (request: { url: string; body?: string }) => Promise<void>;
}

function setup(options: FakeBrowserOptions = {}) {
  const session = new CaptureSession(Promise.resolve(memoryStore()));
  const executeScript = vi.fn(async (details: { args?: unknown[] }) => {
    const request = details.args?.[0] as { url: string; body?: string };
    await options.onPageSend?.(request);
    return [{ frameId: 0, result: { status: 200, statusText: 'OK' } }];
  });
  const browser = {
    tabs: {
      get: (id: number) =>
        options.tabGone
          ? Promise.reject(new Error(`No tab with id: ${id}`))
          : Promise.resolve({ id }),
    },
    scripting: { executeScript },
  } as unknown as Browser;
  const resender = new Resender(browser, session);
  return { session, resender, executeScript };
}

async function withOriginal(session: CaptureSession): Promise<string> {
  await session.ingest([
    webRequest(ORIGINAL_URL, 7, 'w-orig'),
    pageHook(ORIGINAL_URL, 7, 'h-orig', '{"events":[]}'),
  ]);
  const [original] = session.calls({ tabId: 7 });
  if (!original) throw new Error('no original');
  return original.id;
}

const request = (url: string): ResendRequest => ({
  method: 'POST',
  url,
  headers: [{ name: 'Content-Type', value: 'text/plain' }],
  body: '{"events":[{}]}',
  credentials: 'include',
});

afterEach(() => vi.unstubAllGlobals());

describe('Resender', () => {
  it('sends from the page and links the captured call both ways', async () => {
    const { session, resender, executeScript } = setup({
      onPageSend: async ({ url, body }) => {
        await session.ingest([webRequest(url, 7, 'w-new'), pageHook(url, 7, 'h-new', body ?? '')]);
      },
    });
    const originalId = await withOriginal(session);
    const url = ORIGINAL_URL.replace('orig', 'fresh');
    const outcome = await resender.resend(originalId, request(url), 'page');
    expect(outcome).toMatchObject({ ok: true, from: 'page', status: 200 });
    const resendId = outcome.resendId;
    expect(resendId).toBeDefined();
    expect(executeScript.mock.calls[0]?.[0]).toMatchObject({
      world: 'MAIN',
      target: { tabId: 7, frameIds: [0] },
    });
    await session.ready();
    expect(session.table.get(resendId ?? '')?.resendOf).toBe(originalId);
    expect(session.table.get(originalId)?.resends).toEqual([resendId]);
    expect(session.calls({ tabId: 7 })).toHaveLength(2);
  });

  it('links the new call, not the original, when the requestId was kept', async () => {
    const { session, resender } = setup({
      onPageSend: async ({ url, body }) => {
        await session.ingest([
          webRequest(url, 7, 'w-same'),
          pageHook(url, 7, 'h-same', body ?? ''),
        ]);
      },
    });
    const originalId = await withOriginal(session);
    const outcome = await resender.resend(originalId, request(ORIGINAL_URL), 'page');
    expect(outcome.resendId).toBeDefined();
    expect(outcome.resendId).not.toBe(originalId);
    await session.ready();
    expect(session.table.get(originalId)?.resendOf).toBeUndefined();
  });

  it('says when the tab is gone, without trying the page', async () => {
    const { session, resender, executeScript } = setup({ tabGone: true });
    const originalId = await withOriginal(session);
    const outcome = await resender.resend(originalId, request(ORIGINAL_URL), 'page');
    expect(outcome).toMatchObject({ ok: false, reason: 'tab-gone' });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it("sends from the worker: one record in the original's tab, webRequest joined, token masked", async () => {
    const { session, resender } = setup({ tabGone: true });
    const sink = resender.adopting((obs) => void session.ingest([obs]));
    vi.stubGlobal('fetch', async (url: string) => {
      sink(webRequest(url, -1, 'w-worker')); // the browser reports the worker's own request
      return new Response('{"handle":[]}', { status: 200, statusText: 'OK' });
    });
    const originalId = await withOriginal(session);
    const url = ORIGINAL_URL.replace('orig', 'worker');
    const secret = {
      ...request(url),
      headers: [{ name: 'Authorization', value: 'Bearer abcdefghijklmnopqrstuvwxyz' }],
    };
    const outcome = await resender.resend(originalId, secret, 'extension');
    expect(outcome).toMatchObject({ ok: true, from: 'extension', status: 200 });
    await session.ready();
    await new Promise((r) => setTimeout(r, 0));
    await session.ready();
    const calls = session.calls({ tabId: 7 });
    expect(calls).toHaveLength(2);
    const resend = calls.find((c) => c.id === outcome.resendId);
    // The extension made it, not a page: the Sources tab must not say the page saw it.
    expect(resend?.sources.sort()).toEqual(['extension', 'webRequest']);
    expect(JSON.stringify(resend)).not.toContain('abcdefghijklmnopqrstuvwxyz');
    expect(session.calls({ tabId: -1 })).toHaveLength(0);
    const detail = await session.withBodies(outcome.resendId ?? '');
    expect(detail?.responseBody).toBe('{"handle":[]}');
  });

  it('reports a network failure as a failed send', async () => {
    const { session, resender } = setup();
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const originalId = await withOriginal(session);
    const outcome = await resender.resend(
      originalId,
      request(ORIGINAL_URL.replace('orig', 'x')),
      'extension',
    );
    expect(outcome).toMatchObject({
      ok: false,
      reason: 'failed',
      error: 'TypeError: Failed to fetch',
    });
    await session.ready();
    expect(session.table.get(outcome.resendId ?? '')?.state).toBe('failed');
  });

  it('sends an imported call (which the worker never stored) from the extension only, linked to it', async () => {
    const { session, resender, executeScript } = setup();
    const sink = resender.adopting((obs) => void session.ingest([obs]));
    const credentials: Array<RequestCredentials | undefined> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      credentials.push(init?.credentials);
      sink(webRequest(url, -1, 'w-imported'));
      return new Response('{"handle":[]}', { status: 200, statusText: 'OK' });
    });
    const imported: CapturedCall = {
      id: 'import-1:0',
      seq: 1,
      tabId: -1,
      url: ORIGINAL_URL,
      method: 'POST',
      endpoint: {
        host: 'edge.adobedc.net',
        basePath: '/ee',
        media: false,
        action: 'interact',
        adobeHost: true,
      },
      startedAt: 0,
      state: 'complete',
      request: { captured: true },
      response: { captured: true },
      sources: [],
      keys: {},
      imported: { importId: 'import-1', fileName: 'chrome.har', format: 'har' },
    };
    const fromPage = await resender.resend(
      imported.id,
      request(ORIGINAL_URL),
      'page',
      structuredClone(imported),
    );
    expect(fromPage).toMatchObject({
      ok: false,
      reason: 'tab-gone',
      error: /imported from a file/,
    });
    expect(executeScript).not.toHaveBeenCalled();

    const url = ORIGINAL_URL.replace('orig', 'again');
    const outcome = await resender.resend(
      imported.id,
      request(url),
      'extension',
      structuredClone(imported),
    );
    expect(outcome).toMatchObject({ ok: true, from: 'extension', status: 200 });
    await session.ready();
    const resend = session.calls({ tabId: -1 }).find((c) => c.id === outcome.resendId);
    expect(resend?.resendOf).toBe(imported.id);
    expect(resend?.sources.sort()).toEqual(['extension', 'webRequest']);
    // The file chose the host: the browser's cookies for it never go along.
    expect(credentials).toEqual(['omit']);
  });

  it('refuses an unknown original', async () => {
    const { resender } = setup();
    expect(await resender.resend('nope', request(ORIGINAL_URL), 'page')).toMatchObject({
      ok: false,
      reason: 'no-original',
    });
  });
});

describe('cleanResendRequest', () => {
  it.each([
    ['a good request', request(ORIGINAL_URL), true],
    ['a javascript: URL', { ...request(ORIGINAL_URL), url: 'javascript:alert(1)' }, false],
    [
      'a header that is not text',
      { ...request(ORIGINAL_URL), headers: [{ name: 'a', value: 1 }] },
      false,
    ],
    ['a body that is not text', { ...request(ORIGINAL_URL), body: {} }, false],
    ['not an object', 'x', false],
  ])('%s', (_name, raw, ok) => {
    expect(cleanResendRequest(raw) !== undefined).toBe(ok);
  });
});
