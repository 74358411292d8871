import { describe, expect, it } from 'vitest';
import type { CapturedCall } from '../session/call';
import { cleanRelayBatch, RENDER_SOURCE, type Observation } from '../session/observation';
import { CaptureSession } from './capture-session';
import { PREVIEW_CALLS } from '../shared/store-schema';
import { IntakeLog } from './intake-log';
import { memoryArea } from './test-area';
import { memoryStore } from './test-store';

const url = (id: string) => `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=${id}`;

function started(id: string, tabId = 1): Observation {
  return {
    source: 'webRequest',
    phase: 'request',
    webRequestId: `wr-${id}`,
    tabId,
    frameId: 0,
    url: url(id),
    method: 'POST',
    time: Date.now(),
  };
}

/** What the relay delivers up to a quarter of a second later: the hook's view of the call. */
function hookBodies(id: string, tabId = 1): Observation[] {
  const base = { source: 'page-hook', hookId: `f:${id}`, tabId, frameId: 0, url: url(id) } as const;
  return [
    {
      ...base,
      method: 'POST',
      transport: 'fetch',
      phase: 'request',
      time: Date.now(),
      requestBody: { text: '{"events":[]}' },
    },
    {
      ...base,
      method: 'POST',
      transport: 'fetch',
      phase: 'response',
      time: Date.now(),
      status: 200,
      responseBody: { text: '{"handle":[]}' },
    },
  ];
}

describe('Clear', () => {
  it.each([
    { name: "a cleared call's late bodies do not bring it back", late: ['a'], after: [] },
    { name: 'a call that starts after the Clear is kept', late: ['a', 'b'], after: ['b'] },
  ])('$name', async ({ late, after }) => {
    const session = new CaptureSession(Promise.resolve(memoryStore()));
    await session.ingest([started('a')]);
    expect(session.calls({ tabId: 1 })).toHaveLength(1);
    await session.clear({ tabId: 1 });
    expect(session.calls({ tabId: 1 })).toHaveLength(0);
    for (const id of late) {
      if (id !== 'a') await session.ingest([started(id)]);
      await session.ingest(hookBodies(id));
    }
    expect(session.calls({ tabId: 1 }).map((c) => c.endpoint.requestId)).toEqual(after);
  });

  it('only clears the tab it is asked to', async () => {
    const session = new CaptureSession(Promise.resolve(memoryStore()));
    await session.ingest([started('a', 1), started('b', 2)]);
    await session.clear({ tabId: 1 });
    await session.ingest([...hookBodies('a', 1), ...hookBodies('b', 2)]);
    expect(session.calls({}).map((c) => c.endpoint.requestId)).toEqual(['b']);
  });
});

describe('one analysis for live and imported calls', () => {
  it('a call captured live and the same call imported from a HAR store the same analysis', async () => {
    const { parsePlan } = await import('../validate/plan');
    const { importFile } = await import('../session/import');
    const { requestFixture, responseFixture } = await import('../edge/test-fixtures');
    const request = requestFixture('page-view-home');
    const response = responseFixture('page-view');
    const parsed = parsePlan(
      [
        'name: Shop plan',
        'rules:',
        '  - id: pageview-has-name',
        '    when: { xdm.eventType: web.webpagedetails.pageViews }',
        '    require: [xdm.web.webPageDetails.name, xdm.commerce.order.priceTotal]',
      ].join('\n'),
      'plan.yaml',
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));

    const session = new CaptureSession(Promise.resolve(memoryStore()));
    await session.setPlan(parsed.plan);
    const base = { tabId: 1, frameId: 0, url: request.url, method: 'POST' } as const;
    await session.ingest([
      { ...base, source: 'webRequest', phase: 'request', webRequestId: 'w', time: 1 },
      {
        ...base,
        source: 'page-hook',
        phase: 'request',
        hookId: 'h',
        transport: 'fetch',
        time: 1,
        requestBody: { text: request.text },
      },
    ]);
    await session.ingest([
      {
        ...base,
        source: 'page-hook',
        phase: 'response',
        hookId: 'h',
        transport: 'fetch',
        time: 2,
        status: 200,
        responseBody: { text: response.text },
      },
    ]);
    const [live] = session.calls({ tabId: 1 });

    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: new Date(1).toISOString(),
            time: 1,
            request: {
              method: 'POST',
              url: request.url,
              headers: [],
              postData: { text: request.text },
            },
            response: {
              status: 200,
              statusText: 'OK',
              headers: [],
              content: { text: response.text },
            },
          },
        ],
      },
    };
    const imported = importFile('chrome.har', JSON.stringify(har), 'i1', { plan: parsed.plan });
    if (!imported.ok) throw new Error(imported.reason);
    const [fromFile] = imported.calls;

    const FIELDS = ['eventTypes', 'handleTypes', 'eventHandleTypes', 'errorCount'] as const;
    const MORE = ['warningCount', 'plain', 'visitor', 'validation'] as const;
    const analysis = (call: CapturedCall | undefined) =>
      Object.fromEntries([...FIELDS, ...MORE].map((field) => [field, call?.[field]]));
    expect(live?.validation?.counts).toEqual({ events: 1, passed: 0, failed: 1, warned: 0 });
    expect(live?.eventTypes).toEqual(['web.webpagedetails.pageViews']);
    expect(live?.plain?.length).toBeGreaterThan(0);
    expect(analysis(fromFile?.call)).toEqual(analysis(live));
  });
});

describe('a plan change validates what the plan has not judged yet', () => {
  it('a worker waking with the same plan in force validates nothing again', async () => {
    const { readStoredPlan } = await import('../validate/stored-plan');
    const stored = {
      fileName: 'plan.yaml',
      text: 'name: P\nrules:\n  - id: named\n    require: [xdm.web.webPageDetails.name]\n',
      files: {},
    };
    const read = readStoredPlan(stored);
    if (!read.ok) throw new Error(read.problems.join());
    const store = memoryStore();
    const first = await (async () => {
      const before = new CaptureSession(Promise.resolve(store));
      await before.ingest([started('a'), ...hookBodies('a')]);
      await before.setPlan(read.plan);
      return before.calls({ tabId: 1 })[0];
    })();
    expect(first?.validation?.planId).toBe(read.plan.id);
    // The verdicts were written: a worker that wakes over the same store has them.
    const session = new CaptureSession(Promise.resolve(store));
    await session.ready();
    expect(session.calls({ tabId: 1 })[0]?.validation?.planId).toBe(read.plan.id);

    const changes: number[] = [];
    session.onChange((change) => changes.push(change.calls.length));
    const again = readStoredPlan(stored);
    if (!again.ok) throw new Error(again.problems.join());
    await session.setPlan(again.plan);
    expect(changes).toEqual([]);
    expect(session.calls({ tabId: 1 })[0]?.rev).toBe(first?.rev);

    const edited = readStoredPlan({ ...stored, text: `${stored.text}# edited\n` });
    if (!edited.ok) throw new Error(edited.problems.join());
    await session.setPlan(edited.plan);
    expect(changes).toEqual([1]);
    await session.setPlan(undefined);
    expect(session.calls({ tabId: 1 })[0]?.validation).toBeUndefined();
  });
});

describe('renders: what the Web SDK reported rendering, on the page it belongs to', () => {
  const render = (at: number) =>
    JSON.stringify({
      source: RENDER_SOURCE,
      render: { at, status: 'rendering-succeeded', propositions: [{ id: 'AT:1' }] },
    });

  it('a top frame and a subframe add to the page once, a replay from the intake log included', async () => {
    const session = new CaptureSession(Promise.resolve(memoryStore()));
    const area = memoryArea();
    const log = new IntakeLog(area, 'first');
    const top = cleanRelayBatch(
      {
        observations: [render(5)],
        pageToken: 'doc-1',
        page: { url: 'https://shop.example/', time: 1 },
      },
      { tabId: 1, frameId: 0, documentId: 'doc-1' },
    );
    const frame = cleanRelayBatch(
      { observations: [render(6)], pageToken: 'frame' },
      { tabId: 1, frameId: 4 },
    );
    for (const batch of [top, frame]) {
      log.write(batch);
      await session.ingest(batch.observations, batch.pages);
    }
    // The next worker replays what the log still holds: nothing doubles.
    const changes: number[] = [];
    session.onChange((change) => changes.push(change.pages.length));
    for (const { batch } of await new IntakeLog(area, 'second').leftovers())
      await session.ingest(batch.observations, batch.pages);
    expect(changes).toEqual([]);
    const [page] = session.pagesIn({ tabId: 1 });
    expect(page?.id).toBe('doc-1');
    expect(page?.renders?.map((r) => r.at)).toEqual([5, 6]);
    expect(session.calls({ tabId: 1 })).toEqual([]);
  });
});

describe('the override mark', () => {
  it('marks a call once, and the mark stays through later sources', async () => {
    const session = new CaptureSession(Promise.resolve(memoryStore()));
    let asked = 0;
    session.setOverrideMarker((call) => {
      asked++;
      return call.tabId === 1 ? { datastreamId: 'ds', to: 'other' } : undefined;
    });
    await session.ingest([started('a'), started('b', 2)]);
    await session.ingest(hookBodies('a'));
    const [marked] = session.calls({ tabId: 1 });
    expect(marked?.override).toEqual({ datastreamId: 'ds', to: 'other' });
    expect(session.calls({ tabId: 2 })[0]?.override).toBeUndefined();
    // Asked for the unmarked call of tab 2 and the first sight of tab 1's, not again once marked.
    expect(asked).toBe(2);
  });
});

describe('reading the store at start', () => {
  it('reads the newest calls first, then only the older ones: every call once', async () => {
    const store = memoryStore();
    const first = new CaptureSession(Promise.resolve(store));
    const url = (i: number) =>
      `https://edge.adobedc.net/ee/v2/interact?configId=ds&requestId=r${i}`;
    await first.ingest(
      Array.from({ length: PREVIEW_CALLS + 20 }, (_, i) => ({
        source: 'webRequest' as const,
        phase: 'request' as const,
        webRequestId: `w${i}`,
        tabId: 1,
        frameId: 0,
        url: url(i),
        method: 'POST',
        time: i,
      })),
    );
    const asked: Array<number | undefined> = [];
    const load = store.load.bind(store);
    store.load = (belowSeq) => (asked.push(belowSeq), load(belowSeq));
    const second = new CaptureSession(Promise.resolve(store));
    await second.ready();
    expect(asked).toEqual([21]);
    expect(second.calls({}).map((c) => c.seq)).toEqual(
      Array.from({ length: PREVIEW_CALLS + 20 }, (_, i) => i + 1),
    );
  });
});
