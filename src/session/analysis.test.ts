import { describe, expect, it } from 'vitest';
import { parsePlan } from '../validate/plan';
import { analyzeCall, tabVisitor, withAnalysis } from './analysis';
import { mergeObservation, newCall } from './merge';
import type { HookObservation } from './observation';

const URL_ = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=r-1';

function hook(responseText?: string): HookObservation {
  return {
    source: 'page-hook',
    phase: 'response',
    hookId: 'f1:1',
    method: 'POST',
    transport: 'fetch',
    tabId: 1,
    url: URL_,
    time: 1_000,
    status: 207,
    ...(responseText === undefined ? {} : { responseBody: { text: responseText } }),
  };
}

/** A call as the worker stores it after one observation: merged, then analysed. */
function stored(responseText?: string, requestText?: string) {
  const start = newCall(hook(), 'call-1', 1);
  if (!start) throw new Error('not an Edge URL');
  const out = mergeObservation(start, hook(responseText));
  return withAnalysis(out.call, analyzeCall(out.call, requestText, out.responseText));
}

describe('response facts for the list', () => {
  it('are derived once the response text is known', () => {
    const call = stored(
      JSON.stringify({
        requestId: 'r-1-0123456789abcdef',
        handle: [
          { type: 'state:store', payload: [] },
          { type: 'personalization:decisions', eventIndex: 0, payload: [] },
          { type: 'state:store', payload: [] },
        ],
        errors: [{ type: 'https://ns.adobe.com/aep/errors/EXEG-0201-503', status: 503 }],
        warnings: [{ type: 'https://ns.adobe.com/aep/errors/EXEG-0204-200', status: 200 }],
      }),
    );
    expect(call.handleTypes).toEqual(['state:store', 'personalization:decisions']);
    expect(call.eventHandleTypes).toEqual([
      { eventIndex: 0, handleTypes: ['personalization:decisions'] },
    ]);
    expect(call.errorCount).toBe(1);
    expect(call.warningCount).toBe(1);
  });

  it('count a fatal problem body as one error', () => {
    const call = stored('{"type":"https://ns.adobe.com/aep/errors/EXEG-0101-400","status":400}');
    expect(call).toMatchObject({ handleTypes: [], errorCount: 1, warningCount: 0 });
  });

  it('are absent while no response text is known', () => {
    const call = stored(undefined);
    expect(call.handleTypes).toBeUndefined();
    expect(call.errorCount).toBeUndefined();
  });
});

describe('the analysis stored with a call', () => {
  const pageView = JSON.stringify({
    events: [{ xdm: { eventType: 'web.webpagedetails.pageViews', web: { webPageDetails: {} } } }],
  });
  const plan = parsePlan(
    [
      'name: Shop plan',
      'rules:',
      '  - id: pageview-has-name',
      '    when: { xdm.eventType: web.webpagedetails.pageViews }',
      '    require: [xdm.web.webPageDetails.name]',
    ].join('\n'),
    'plan.yaml',
  );
  if (!plan.ok) throw new Error(plan.problems.join('\n'));

  it('has the plain words, the visitor and, with a plan, the verdicts; each run is a new rev', () => {
    const first = stored('{"handle":[]}', pageView);
    expect(first.rev).toBe(1);
    expect(first.plain?.map((line) => line.text)).toEqual(['Page view']);
    expect(first.validation).toBeUndefined();
    const checked = withAnalysis(
      first,
      analyzeCall(first, pageView, '{"handle":[]}', { plan: plan.plan }),
    );
    expect(checked.rev).toBe(2);
    expect(checked.validation?.counts).toEqual({ events: 1, passed: 0, failed: 1, warned: 0 });
    expect(checked.validation?.events[0]?.findings[0]).toMatchObject({
      rule: 'pageview-has-name',
      status: 'fail',
      path: 'xdm.web.webPageDetails.name',
    });
  });

  it('a partial run (a plan change) replaces only what it owns; no plan leaves no verdicts', () => {
    const full = withAnalysis(
      stored('{"handle":[]}', pageView),
      analyzeCall(stored(), pageView, '{"handle":[]}', { plan: plan.plan }),
    );
    const removed = withAnalysis(full, analyzeCall(full, pageView, undefined, {}, ['validation']), [
      'validation',
    ]);
    expect(removed.validation).toBeUndefined();
    expect(removed.eventTypes).toEqual(['web.webpagedetails.pageViews']);
    expect(removed.plain).toEqual(full.plain);
  });

  it("a tab's visitor takes each fact from the latest call that has it", () => {
    const call = (seq: number, visitor: { consent?: string; ecid?: string }) => ({
      ...stored(),
      seq,
      visitor,
    });
    expect(
      tabVisitor([
        call(3, { ecid: 'E2' }),
        call(1, { consent: 'in', ecid: 'E1' }),
        call(2, { consent: 'out' }),
      ]),
    ).toEqual({
      consent: 'out',
      ecid: 'E2',
    });
  });
});
