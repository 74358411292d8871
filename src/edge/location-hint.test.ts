import { describe, expect, it } from 'vitest';
import {
  decodeLocationHint,
  locationHintUsage,
  type HintVerdict,
  type LocationHint,
} from './location-hint';
import { field, list } from './read';
import { responseFixture } from './test-fixtures';

const payload =
  list(field(list(field(responseFixture('location-hint').body, 'handle'))?.[0], 'payload')) ?? [];
const HINTS = payload.map(decodeLocationHint);

describe('decodeLocationHint over the fixture', () => {
  it('reads scope, hint, TTL, meaning and the path segment', () => {
    expect(HINTS.map((h) => [h.scope, h.hint, h.ttl, h.pathSegment, h.notes])).toEqual([
      ['Target', '35', '30 minutes', 't35', []],
      ['AAM', '9', '30 minutes', undefined, []],
      ['EdgeNetwork', 'or2', '30 minutes', 'or2', []],
    ]);
    expect(HINTS[2]?.meaning).toMatch(/path segment/);
  });

  it.each([
    ['not an object', 'or2', ['The hint is a string, not an object.']],
    ['no hint', { scope: 'EdgeNetwork' }, ['The hint value is missing.']],
    ['a numeric hint', { scope: 'Target', hint: 35 }, []],
  ])('%s', (_name, entry, notes) => {
    expect(decodeLocationHint(entry).notes).toEqual(notes);
  });

  it('says when no TTL was given', () => {
    expect(decodeLocationHint({ scope: 'EdgeNetwork', hint: 'va6' }).ttl).toBe('not given');
  });
});

describe('locationHintUsage: did a later call use the hint?', () => {
  const edgeOnly = HINTS.filter((h) => h.scope === 'EdgeNetwork');
  const targetOnly = HINTS.filter((h) => h.scope === 'Target');
  it.each<[string, LocationHint[], string | undefined, HintVerdict, string]>([
    ['the hinted region', HINTS, 'or2', 'used', 'The call used the hint: /or2/.'],
    ['the hinted region in capitals', HINTS, 'OR2', 'used', 'The call used the hint: /or2/.'],
    ['the Target cluster form', HINTS, 't35', 'used', 'The call used the hint: /t35/.'],
    [
      'another region',
      HINTS,
      'irl1',
      'other-region',
      'The call went to /irl1/, not the hinted /or2/.',
    ],
    [
      'no region in the path',
      HINTS,
      undefined,
      'no-region',
      'The call was not region-pinned; the hint was or2.',
    ],
    [
      'only a Target hint',
      targetOnly,
      'or2',
      'other-region',
      'The call went to /or2/, not the hinted /t35/.',
    ],
    ['only an EdgeNetwork hint', edgeOnly, 'or2', 'used', 'The call used the hint: /or2/.'],
    ['no hints', [], 'or2', 'no-hint', 'No EdgeNetwork or Target hint to compare with.'],
  ])('%s', (_name, hints, region, verdict, text) => {
    expect(locationHintUsage(hints, region)).toMatchObject({ verdict, text });
  });
});
