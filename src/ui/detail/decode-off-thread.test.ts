import { describe, expect, it } from 'vitest';
import { matchEdgeUrl } from '../../edge/endpoint';
import type { CallWithBodies } from '../../shared/protocol';
import { decodeLarge } from './decode-off-thread';
import { OFF_THREAD_CHARS, bodyChars, decodeBodies } from './decoded-bodies';

const url = 'https://edge.adobedc.net/ee/v1/interact?configId=ds&requestId=big';

function detail(chars: number): CallWithBodies {
  const requestBody = JSON.stringify({
    events: [{ xdm: { eventType: 'huge', blob: 'x'.repeat(chars) } }],
  });
  return {
    call: {
      id: `c${chars}`,
      seq: 1,
      tabId: 1,
      url,
      method: 'POST',
      endpoint: matchEdgeUrl(url)!,
      startedAt: 0,
      state: 'complete',
      status: 200,
      request: { captured: true },
      response: { captured: true },
      sources: [],
      keys: {},
    },
    requestBody,
    responseBody: '{"handle":[]}',
  };
}

describe('off-thread decoding', () => {
  it.each([
    ['small', 1_000, false],
    ['just under', OFF_THREAD_CHARS - 200, false],
    ['large', OFF_THREAD_CHARS + 1, true],
  ])('%s bodies go off thread: %s', (_name, chars, large) => {
    expect(bodyChars(detail(chars)) > OFF_THREAD_CHARS).toBe(large);
  });

  it('gives the same result as decoding here (and falls back when no Worker exists)', async () => {
    const big = detail(OFF_THREAD_CHARS * 2);
    const result = await decodeLarge(big);
    expect(result).toEqual(decodeBodies(big));
    expect(result.decoded.events.map((e) => e.eventType)).toEqual(['huge']);
  });
});
