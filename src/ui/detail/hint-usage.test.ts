import { describe, expect, it } from 'vitest';
import { decodeLocationHint } from '../../edge/location-hint';
import { edgeUrl, makeCall } from '../test-fixtures';
import { hintUsageLines, laterCallsOf } from './hint-usage';

const hints = [
  decodeLocationHint({ scope: 'EdgeNetwork', hint: 'or2', ttlSeconds: 1800 }),
  decodeLocationHint({ scope: 'Target', hint: '35', ttlSeconds: 1800 }),
];
const at = (region: string | undefined) =>
  makeCall(1, {
    url: region
      ? edgeUrl().replace('/ee/or2/', `/ee/${region}/`)
      : edgeUrl().replace('/ee/or2/', '/ee/'),
  });

describe('hintUsageLines', () => {
  it('says when nothing came later', () => {
    expect(hintUsageLines(hints, [])).toEqual(['No later call from this tab yet to compare with.']);
  });
  it('counts the later calls that used the hint and names the next one', () => {
    expect(hintUsageLines(hints, [at('or2'), at('t35'), at('irl1'), at(undefined)])).toEqual([
      'Later calls from this tab: 4 calls; 2 used the hint, 1 went to another region, 1 were not region-pinned.',
      'Next call (interact): The call used the hint: /or2/.',
    ]);
  });
  it('says when the response had no usable hint', () => {
    expect(hintUsageLines([decodeLocationHint({ scope: 'AAM', hint: '9' })], [at('or2')])).toEqual([
      'No EdgeNetwork or Target hint to compare with.',
    ]);
  });
});

describe('laterCallsOf', () => {
  it('keeps the later calls of the same tab, in order', () => {
    const calls = [makeCall(1), makeCall(2, { tabId: 9 }), makeCall(3), makeCall(4)];
    expect(laterCallsOf(calls, calls[0] ?? makeCall(0)).map((c) => c.id)).toEqual([
      'call-3',
      'call-4',
    ]);
  });
});
