import { describe, expect, it } from 'vitest';
import type { SdkEvent } from '../edge/sdk-event';
import { cleanRelayBatch, headersOf } from './observation';
import { RENDER_SOURCE, SDK_SOURCE, type PageObservation } from './observation';
import { INTERACT, hook, monitor, wr } from './test-observations';

const sender = { tabId: 7, frameId: 0, documentId: 'doc-7' };
const batch = (...observations: unknown[]) =>
  cleanRelayBatch({ observations: observations.map((o) => JSON.stringify(o)) }, sender);

describe('cleanRelayBatch: what a page may say', () => {
  it.each([
    ['a page-hook observation', hook('request'), 1],
    ['an alloy-monitor observation', monitor('request'), 1],
    ['a claim to be webRequest', wr('request'), 0],
    ['a claim to be DevTools', { ...hook('request'), source: 'devtools', startedAt: 1 }, 0],
    ['a claim to be the extension', { ...hook('request'), source: 'extension', sendId: 's' }, 0],
    ['a non-Edge URL', hook('request', { url: 'https://example.com/ee/nothing' }), 0],
    ['a hook observation without its id', { ...hook('request'), hookId: undefined }, 0],
  ])('%s: %i kept', (_name, observation, kept) => {
    expect(batch(observation).observations).toHaveLength(kept);
  });

  it('masks the secret headers a page set before anything keeps them', () => {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0.never-keep-me';
    const [obs] = batch(
      hook('request', {
        requestHeaders: [
          { name: 'Authorization', value: `Bearer ${secret}` },
          { name: 'Content-Type', value: 'text/plain' },
        ],
      }),
    ).observations;
    expect(JSON.stringify(obs)).not.toContain(secret.slice(0, 20));
    expect(obs?.requestHeaders?.[1]).toEqual({ name: 'Content-Type', value: 'text/plain' });
  });

  it("takes tab, frame and document from the browser's sender, not the page", () => {
    const [obs] = batch(
      hook('request', { tabId: 99, frameId: 3, documentId: 'forged' }),
    ).observations;
    expect(obs).toMatchObject({ tabId: 7, frameId: 0, documentId: 'doc-7', url: INTERACT });
    const [inFrame] = cleanRelayBatch(
      { observations: [JSON.stringify(hook('request', { documentId: 'forged' }))] },
      { ...sender, frameId: 2 },
    ).observations;
    expect(inFrame).toMatchObject({ tabId: 7, frameId: 2 });
    expect(inFrame && 'documentId' in inFrame).toBe(false);
  });

  it('keeps at most 500 observations of one batch, and refuses junk without throwing', () => {
    const many = Array.from({ length: 600 }, (_, i) => hook('request', { hookId: `f:${i}` }));
    expect(batch(...many).observations).toHaveLength(500);
    expect(cleanRelayBatch('junk', sender)).toEqual({ observations: [], pages: [] });
    expect(
      cleanRelayBatch({ observations: ['{"source":', 42, null] }, sender).observations,
    ).toEqual([]);
  });
});

describe('headersOf: one header list from what each source holds', () => {
  it.each<[string, unknown, unknown]>([
    ['HAR records', [{ name: 'a', value: '1' }], [{ name: 'a', value: '1' }]],
    ['webRequest records without a value', [{ name: 'a' }], [{ name: 'a', value: '' }]],
    ['Headers pairs', [['a', '1']], [{ name: 'a', value: '1' }]],
    ['entries without a string name dropped', [{ value: '1' }, [1, '2'], 'x'], []],
    ['a value of the wrong type dropped', [{ name: 'a', value: 3 }], []],
    ['not a list', { name: 'a' }, undefined],
  ])('%s', (_name, input, expected) => {
    expect(headersOf(input)).toEqual(expected);
  });
});

describe('cleanRelayBatch: what the Web SDK reported rendering', () => {
  const render = (at: number, id = 'AT:1') => ({
    source: RENDER_SOURCE,
    render: { at, status: 'rendering-succeeded', propositions: [{ id, scope: '__view__' }] },
  });
  const expected = (at: number, id = 'AT:1') => ({
    at,
    status: 'rendering-succeeded',
    propositions: [{ id, scope: '__view__' }],
  });
  const payload = (observations: unknown[], extra: Record<string, unknown> = {}) => ({
    observations: observations.map((o) => JSON.stringify(o)),
    ...extra,
  });

  it("a top frame's renders go to its document, with its own notice when it has one", () => {
    const alone = cleanRelayBatch(payload([render(5), hook('request')]), sender);
    expect(alone.observations).toHaveLength(1);
    expect(alone.pages).toEqual<PageObservation[]>([
      { tabId: 7, documentId: 'doc-7', url: '', time: expect.any(Number), renders: [expected(5)] },
    ]);
    const introduced = cleanRelayBatch(
      payload([render(5)], { page: { url: 'https://shop.example/', time: 1 }, pageToken: 'tok' }),
      { tabId: 7, frameId: 0 },
    );
    expect(introduced.pages).toEqual([
      {
        tabId: 7,
        documentId: 'tok',
        url: 'https://shop.example/',
        title: undefined,
        time: 1,
        renders: [expected(5)],
      },
    ]);
  });

  it("a subframe's renders go to the tab's current page: no document, no page of its own", () => {
    const { pages } = cleanRelayBatch(
      payload([render(5)], { page: { url: 'https://frame.example/', time: 1 }, pageToken: 'tok' }),
      { tabId: 7, frameId: 3, documentId: 'frame-doc' },
    );
    expect(pages).toEqual([
      { tabId: 7, url: '', time: expect.any(Number), renders: [expected(5)] },
    ]);
  });

  it('drops junk renders, caps them per batch, and makes no notice when none is left', () => {
    const junk = [
      { source: RENDER_SOURCE },
      { source: RENDER_SOURCE, render: { status: 'rendering-succeeded' } },
      { source: RENDER_SOURCE, render: 'rendering-succeeded' },
    ];
    expect(cleanRelayBatch(payload(junk), sender)).toEqual({ observations: [], pages: [] });
    const many = Array.from({ length: 80 }, (_, i) => render(i, `AT:${i}`));
    expect(cleanRelayBatch(payload(many), sender).pages[0]?.renders).toHaveLength(50);
    const html = { ...render(5), render: { ...render(5).render, html: '<b>x</b>' } };
    expect(cleanRelayBatch(payload([html]), sender).pages[0]?.renders).toEqual([expected(5)]);
  });

  it('a render is never a call, and a call is never a render', () => {
    const asCall = { ...hook('response'), ...render(5) };
    const asMonitor = { ...monitor('response'), render: render(5).render };
    const cleaned = cleanRelayBatch(payload([asCall, asMonitor]), sender);
    expect(cleaned.observations).toHaveLength(1);
    expect(cleaned.observations[0]).toMatchObject({ source: 'alloy-monitor' });
    expect(cleaned.observations[0]).not.toHaveProperty('render');
    expect(cleaned.pages).toEqual([expect.objectContaining({ renders: [expected(5)] })]);
    // A render record at a URL that is not Edge's is still a render; non-Edge calls still go.
    const elsewhere = { ...render(6), url: 'https://example.com/x' };
    const other = hook('request', { url: 'https://example.com/ee/nothing' });
    const mixed = cleanRelayBatch(payload([elsewhere, other]), sender);
    expect(mixed.observations).toEqual([]);
    expect(mixed.pages[0]?.renders).toEqual([expected(6)]);
  });
});

describe('cleanRelayBatch: what the Web SDK side reported', () => {
  const sdk = (at: number, text = 'Instance initialized.') => ({
    source: SDK_SOURCE,
    event: { at, kind: 'log', instance: 'alloy', log: { level: 'info', text } },
  });
  const expected = (at: number, text = 'Instance initialized.'): SdkEvent => ({
    at,
    kind: 'log',
    instance: 'alloy',
    log: { level: 'info', text },
  });
  const payload = (observations: unknown[], extra: Record<string, unknown> = {}) => ({
    observations: observations.map((o) => JSON.stringify(o)),
    ...extra,
  });

  it("a top frame's SDK events go to its document, next to its renders and its own notice", () => {
    const render = {
      source: RENDER_SOURCE,
      render: { at: 4, status: 'rendering-started', propositions: [] },
    };
    const alone = cleanRelayBatch(payload([sdk(5), render, hook('request')]), sender);
    expect(alone.observations).toHaveLength(1);
    expect(alone.pages).toEqual<PageObservation[]>([
      {
        tabId: 7,
        documentId: 'doc-7',
        url: '',
        time: expect.any(Number),
        renders: [{ at: 4, status: 'rendering-started', propositions: [] }],
        sdk: [expected(5)],
      },
    ]);
    const introduced = cleanRelayBatch(
      payload([sdk(5)], { page: { url: 'https://shop.example/', time: 1 }, pageToken: 'tok' }),
      { tabId: 7, frameId: 0 },
    );
    expect(introduced.pages).toEqual([
      {
        tabId: 7,
        documentId: 'tok',
        url: 'https://shop.example/',
        title: undefined,
        time: 1,
        sdk: [expected(5)],
      },
    ]);
    const inFrame = cleanRelayBatch(payload([sdk(5)]), { tabId: 7, frameId: 2, documentId: 'f' });
    expect(inFrame.pages).toEqual([
      { tabId: 7, url: '', time: expect.any(Number), sdk: [expected(5)] },
    ]);
  });

  it('drops junk, keeps only the contract, caps them per batch', () => {
    const junk = [
      { source: SDK_SOURCE },
      { source: SDK_SOURCE, event: { kind: 'log' } },
      { source: SDK_SOURCE, event: { at: 1, kind: 'render' } },
      { source: SDK_SOURCE, event: 'log' },
    ];
    expect(cleanRelayBatch(payload(junk), sender)).toEqual({ observations: [], pages: [] });
    const many = Array.from({ length: 300 }, (_, i) => sdk(i, `line ${i}`));
    expect(cleanRelayBatch(payload(many), sender).pages[0]?.sdk).toHaveLength(200);
    const extra = { ...sdk(5), event: { ...sdk(5).event, html: '<b>x</b>', tabId: 99 } };
    expect(cleanRelayBatch(payload([extra]), sender).pages[0]?.sdk).toEqual([expected(5)]);
  });

  it('an SDK event is never a call', () => {
    const asCall = { ...hook('response'), ...sdk(5) };
    const cleaned = cleanRelayBatch(payload([asCall]), sender);
    expect(cleaned.observations).toEqual([]);
    expect(cleaned.pages[0]?.sdk).toEqual([expected(5)]);
  });
});
