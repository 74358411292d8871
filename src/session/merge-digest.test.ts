/** The list's response facts (handle types, error and warning counts) are derived in the merge. */
import { describe, expect, it } from 'vitest';
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

function merged(responseText?: string) {
  const start = newCall(hook(), 'call-1', 1);
  if (!start) throw new Error('not an Edge URL');
  return mergeObservation(start, hook(responseText)).call;
}

describe('response facts for the list', () => {
  it('are derived once the response text is known', () => {
    const call = merged(
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
    const call = merged('{"type":"https://ns.adobe.com/aep/errors/EXEG-0101-400","status":400}');
    expect(call).toMatchObject({ handleTypes: [], errorCount: 1, warningCount: 0 });
  });

  it('are absent while no response text is known', () => {
    const call = merged(undefined);
    expect(call.handleTypes).toBeUndefined();
    expect(call.errorCount).toBeUndefined();
  });
});
