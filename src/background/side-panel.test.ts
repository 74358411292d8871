import { expect, it } from 'vitest';
import { matchEdgeUrl } from '../edge/endpoint';
import type { CapturedCall } from '../session/call';
import type { Observation } from '../session/observation';
import { CaptureSession } from './capture-session';
import { SIDE_PANEL_CALLS, sidePanelState, tabFindings } from './side-panel';
import { memoryStore } from './test-store';

const url = (id: string) => `https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=${id}`;

function started(id: string, tabId: number, time: number): Observation {
  return {
    source: 'webRequest',
    phase: 'request',
    webRequestId: `wr-${id}`,
    tabId,
    frameId: 0,
    url: url(id),
    method: 'POST',
    time,
  };
}

function call(seq: number, ecid: string): CapturedCall {
  return {
    id: `c${seq}`,
    seq,
    tabId: 1,
    url: url(`r${seq}`),
    method: 'POST',
    endpoint: matchEdgeUrl(url(`r${seq}`))!,
    transport: 'fetch',
    startedAt: 1_000 * seq,
    state: 'complete',
    status: 200,
    request: { captured: true },
    response: { captured: true },
    sources: ['webRequest'],
    keys: {},
    facts: { ecid, ecidStored: ecid, identityCookieSent: seq > 1, ecidSent: 'first' },
  } as CapturedCall;
}

it("answers with the tab's newest calls only, counting them all, and no other tab's", async () => {
  const session = new CaptureSession(Promise.resolve(memoryStore()));
  const total = SIDE_PANEL_CALLS + 5;
  await session.ingest([
    ...Array.from({ length: total }, (_, i) => started(`a${i}`, 1, 1_000 + i)),
    started('other', 2, 5_000),
  ]);
  const state = sidePanelState(session, 1);
  expect(state.count).toBe(total);
  expect(state.calls).toHaveLength(SIDE_PANEL_CALLS);
  expect(state.calls.at(-1)?.endpoint.requestId).toBe(`a${total - 1}`);
  expect(state.calls.every((c) => c.tabId === 1)).toBe(true);
  expect(state.paused).toBe(false);
  expect(state.findings).toEqual([]);
});

it("finds what the visit checks find in the tab's calls", () => {
  const findings = tabFindings([call(1, 'first'), call(2, 'second')], []);
  expect(findings.map((f) => f.rule)).toContain('visit:ecid-changed');
  expect(tabFindings([call(1, 'first'), call(2, 'first')], [])).toEqual([]);
});
