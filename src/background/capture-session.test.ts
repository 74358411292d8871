import { describe, expect, it } from 'vitest';
import type { Observation } from '../session/observation';
import { CaptureSession } from './capture-session';
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
