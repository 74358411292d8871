// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { SdkEvent } from '../edge/sdk-event';
import { MAX_SDK_COMMANDS, MAX_SDK_LOGS, sdkMonitor, watchDataLayer, watchTags } from './page-sdk';

function collector() {
  const events: SdkEvent[] = [];
  return { events, post: (event: SdkEvent) => events.push(event) };
}

const win = window as unknown as Record<string, unknown>;

afterEach(() => {
  delete win._satellite;
  delete win.adobeDataLayer;
});

describe('sdkMonitor: the monitor methods', () => {
  it('reduces each callback to an SdkEvent of text', () => {
    const { events, post } = collector();
    const { methods } = sdkMonitor(post);
    methods.onInstanceCreated?.({ instanceName: 'alloy', instance: () => undefined });
    methods.onInstanceConfigured?.({
      instanceName: 'alloy',
      config: { datastreamId: 'ds', onBeforeEventSend: () => undefined },
    });
    methods.onBeforeCommand?.({
      instanceName: 'alloy',
      commandName: 'sendEvent',
      options: { a: 1 },
    });
    methods.onCommandResolved?.({
      instanceName: 'alloy',
      commandName: 'sendEvent',
      result: { propositions: [{ id: 'p1', scope: '__view__', items: [{ html: '<b>x</b>' }] }] },
    });
    methods.onCommandRejected?.({
      instanceName: 'alloy',
      commandName: 'bad',
      error: new Error('[alloy] bad'),
    });
    methods.onBeforeLog?.({
      instanceName: 'alloy',
      componentName: 'Identity',
      level: 'warn',
      arguments: ['Sending', { n: 1 }, document.body],
    });
    methods.onContentHiding?.({ instanceName: 'alloy', status: 'hide-containers' });
    methods.onCommandResolved?.({
      instanceName: 'alloy',
      commandName: 'getLibraryInfo',
      result: { libraryInfo: { version: '2.33.1' } },
    });
    const at = expect.any(Number) as number;
    expect(events).toEqual<SdkEvent[]>([
      { at, kind: 'instance', instance: 'alloy' },
      {
        at,
        kind: 'configured',
        instance: 'alloy',
        config: '{"datastreamId":"ds","onBeforeEventSend":"function"}',
      },
      {
        at,
        kind: 'command',
        instance: 'alloy',
        command: { name: 'sendEvent', phase: 'before', options: '{"a":1}' },
      },
      {
        at,
        kind: 'command',
        instance: 'alloy',
        command: {
          name: 'sendEvent',
          phase: 'resolved',
          result: '{"propositions":[{"id":"p1","scope":"__view__"}]}',
        },
      },
      {
        at,
        kind: 'command',
        instance: 'alloy',
        command: { name: 'bad', phase: 'rejected', error: '[alloy] bad' },
      },
      {
        at,
        kind: 'log',
        instance: 'alloy',
        log: { level: 'warn', component: 'Identity', text: 'Sending {"n":1} "<body>"' },
      },
      { at, kind: 'hiding', instance: 'alloy', hiding: 'hide-containers' },
      { at, kind: 'instance', instance: 'alloy', version: '2.33.1' },
      {
        at,
        kind: 'command',
        instance: 'alloy',
        command: {
          name: 'getLibraryInfo',
          phase: 'resolved',
          result: '{"libraryInfo":{"version":"2.33.1"}}',
        },
      },
    ]);
  });

  it('never throws into the SDK, whatever the data', () => {
    const { methods } = sdkMonitor(() => {
      throw new Error('post failed');
    });
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
      },
    );
    for (const method of Object.values(methods)) {
      expect(() => method(hostile)).not.toThrow();
      expect(() => method(undefined)).not.toThrow();
      expect(() =>
        method({ commandName: 'x', arguments: [hostile], config: hostile }),
      ).not.toThrow();
    }
  });

  it('posts at most the caps per document, says so once, and counts the rest at pagehide', () => {
    const { events, post } = collector();
    const { methods, flushDropped } = sdkMonitor(post);
    for (let i = 0; i < MAX_SDK_LOGS + 25; i++)
      methods.onBeforeLog?.({ level: 'info', arguments: [`l${i}`] });
    for (let i = 0; i < MAX_SDK_COMMANDS + 5; i++)
      methods.onBeforeCommand?.({ commandName: 'sendEvent', options: {} });
    const notes = () =>
      events.filter((e) => e.log?.component === 'inspector').map((e) => e.log?.text);
    expect(events.filter((e) => e.kind === 'log' && e.log?.component !== 'inspector')).toHaveLength(
      MAX_SDK_LOGS,
    );
    expect(events.filter((e) => e.kind === 'command')).toHaveLength(MAX_SDK_COMMANDS);
    expect(notes()).toEqual([
      `Log lines after the first ${MAX_SDK_LOGS} of this page are not kept.`,
      `Command events after the first ${MAX_SDK_COMMANDS} of this page are not kept.`,
    ]);
    flushDropped();
    flushDropped();
    expect(notes().slice(2)).toEqual([
      '25 more log lines not kept.',
      '5 more command events not kept.',
    ]);
  });
});

describe('watchTags', () => {
  it('posts the build once, read as data, and calls nothing on _satellite', () => {
    let called = 0;
    win._satellite = {
      property: { name: 'Demo Shop' },
      environment: { stage: 'staging' },
      buildInfo: { buildDate: '2026-11-01T10:00:00Z' },
      track: () => called++,
      getVar: () => called++,
    };
    const script = document.createElement('script');
    // Not JavaScript, so the test environment does not try to load it.
    script.setAttribute('type', 'text/plain');
    script.setAttribute('src', 'https://assets.adobedtm.com/abc/def/launch-123-staging.min.js');
    document.head.append(script);
    const { events, post } = collector();
    watchTags(post);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    window.dispatchEvent(new Event('load'));
    expect(events).toEqual([
      {
        at: expect.any(Number),
        kind: 'tags',
        tags: {
          property: 'Demo Shop',
          environment: 'staging',
          buildDate: '2026-11-01T10:00:00Z',
          libraryUrl: 'https://assets.adobedtm.com/abc/def/launch-123-staging.min.js',
        },
      },
    ]);
    expect(called).toBe(0);
    script.remove();
  });

  it('posts nothing without _satellite', () => {
    const { events, post } = collector();
    watchTags(post);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(events).toEqual([]);
  });
});

/** A small stand-in with the data layer library's behaviour (edge-protocol §8.2). */
function fakeDataLayer(): unknown[] {
  const layer = [] as unknown as unknown[] & Record<string, unknown>;
  const listeners: Array<{ type: string; fn: (e: unknown) => void }> = [];
  const fire = (item: Record<string, unknown>, to = listeners) => {
    const types = item.event ? ['adobeDataLayer:event'] : [];
    if (Object.keys(item).some((k) => k !== 'event' && k !== 'eventInfo'))
      types.push('adobeDataLayer:change');
    for (const type of types) for (const l of to) if (l.type === type) l.fn(structuredClone(item));
  };
  // A new listener hears the earlier pushes too (the default scope, `all`).
  layer.addEventListener = (type: string, fn: (e: unknown) => void) => {
    const listener = { type, fn };
    listeners.push(listener);
    for (const past of layer) fire(past as Record<string, unknown>, [listener]);
  };
  layer.push = (...items: unknown[]) => {
    for (const item of items) {
      if (typeof item === 'function') (item as (dl: unknown) => void)(layer);
      else {
        Array.prototype.push.call(layer, item);
        fire(item as Record<string, unknown>);
      }
    }
    return layer.length;
  };
  return layer;
}

describe('watchDataLayer', () => {
  it("posts every push once, and the page's own listener still hears every one", () => {
    const layer = fakeDataLayer() as unknown[] & {
      addEventListener: (t: string, f: (e: unknown) => void) => void;
    };
    win.adobeDataLayer = layer;
    const heard: unknown[] = [];
    layer.push({ page: { name: 'home' } });
    const { events, post } = collector();
    watchDataLayer(post);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    layer.addEventListener('adobeDataLayer:event', (e) => heard.push(e));
    layer.push({ event: 'cart-add', eventInfo: { sku: 'x' }, cart: { items: 1 } });
    window.dispatchEvent(new Event('load'));
    layer.push({ event: 'checkout' });
    expect(events.map((e) => e.datalayer)).toEqual([
      { data: '{"page":{"name":"home"}}' },
      {
        event: 'cart-add',
        data: '{"event":"cart-add","eventInfo":{"sku":"x"},"cart":{"items":1}}',
      },
      { event: 'checkout', data: '{"event":"checkout"}' },
    ]);
    expect(heard).toHaveLength(2);
    // Nothing of the hook's stays in the page's array.
    expect(layer.every((item) => typeof item !== 'function')).toBe(true);
  });

  it('leaves a plain array alone: nothing is pushed into it', () => {
    const plain: unknown[] = [{ page: {} }];
    win.adobeDataLayer = plain;
    const { events, post } = collector();
    watchDataLayer(post);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    window.dispatchEvent(new Event('load'));
    expect(plain).toEqual([{ page: {} }]);
    expect(events).toEqual([]);
  });
});
