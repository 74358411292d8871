import { describe, expect, it } from 'vitest';
import { dropStateEntries, removeIdentities, setEventType, setIdentity } from './body-edits';
import { requestFixture } from './test-fixtures';

/** Reads `path` out of parsed JSON text (undefined when a step is missing). */
function at(text: string, ...path: Array<string | number>): unknown {
  let value: unknown = JSON.parse(text);
  for (const step of path) value = (value as Record<string | number, unknown> | undefined)?.[step];
  return value;
}

describe('dropStateEntries (new visitor)', () => {
  it('removes the kndctr entries alloy copied into meta.state and keeps the rest of meta.state', () => {
    const fixture = requestFixture('add-to-cart');
    const result = dropStateEntries(fixture.text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.changed).toBeGreaterThan(0);
    expect(at(result.text, 'meta', 'state', 'entries')).toBeUndefined();
    expect(at(result.text, 'meta', 'state', 'domain')).toBeDefined();
    expect(at(result.text, 'events')).toEqual(at(fixture.text, 'events'));
  });

  it.each([
    ['no meta at all', '{"events":[]}', 0],
    ['meta.state without entries', '{"meta":{"state":{"domain":"x"}}}', 0],
    ['entries that are not an array', '{"meta":{"state":{"entries":"odd"}}}', 1],
  ])('%s', (_name, text, changed) => {
    expect(dropStateEntries(text)).toMatchObject({ ok: true, changed });
  });
});

describe('setEventType', () => {
  it.each([
    [
      'v1 events[]',
      '{"events":[{"xdm":{"eventType":"a"}},{"xdm":{}}]}',
      2,
      [
        ['events', 0],
        ['events', 1],
      ],
    ],
    ['v2 event', '{"event":{"xdm":{"eventType":"a"}}}', 1, [['event']]],
    ['event without xdm', '{"events":[{"data":{}}]}', 1, [['events', 0]]],
  ])('%s', (_name, text, changed, events) => {
    const result = setEventType(text, ' commerce.purchases ');
    expect(result).toMatchObject({ ok: true, changed });
    if (!result.ok) return;
    for (const event of events) {
      expect(at(result.text, ...event, 'xdm', 'eventType')).toBe('commerce.purchases');
    }
  });

  it.each([
    ['not JSON', '{"events": [', 'eventType', /not valid JSON.*line 1, column 13/],
    ['an array', '[1]', 'x', /not a JSON object/],
    ['no events', '{"consent":[]}', 'x', /no events/],
    ['an empty eventType', '{"events":[{}]}', '  ', /Enter an eventType/],
  ])('refuses %s', (_name, text, eventType, message) => {
    const result = setEventType(text, eventType);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('identities', () => {
  const body = JSON.stringify({
    events: [
      { xdm: { identityMap: { ECID: [{ id: '1' }], Email: [{ id: 'a@b' }] } } },
      { xdm: { eventType: 'x' } },
    ],
  });

  it('sets one namespace in every event, replacing what that namespace had', () => {
    const result = setIdentity(body, { namespace: 'Email', id: 'new@b', primary: true });
    expect(result).toMatchObject({ ok: true, changed: 2 });
    if (!result.ok) return;
    const map = (i: number) => at(result.text, 'events', i, 'xdm', 'identityMap');
    expect(map(0)).toEqual({
      ECID: [{ id: '1' }],
      Email: [{ id: 'new@b', authenticatedState: 'ambiguous', primary: true }],
    });
    expect(map(1)).toEqual({
      Email: [{ id: 'new@b', authenticatedState: 'ambiguous', primary: true }],
    });
  });

  it('keeps a namespace called __proto__ as data', () => {
    const result = setIdentity(body, { namespace: '__proto__', id: 'p' });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.text).toContain('"__proto__": [');
  });

  it.each([
    ['one namespace', 'Email', 1, { ECID: [{ id: '1' }] }],
    ['all of them', undefined, 2, undefined],
    ['a namespace that is not there', 'Phone', 0, { ECID: [{ id: '1' }], Email: [{ id: 'a@b' }] }],
  ])('removes %s', (_name, namespace, changed, left) => {
    const result = removeIdentities(body, namespace);
    expect(result).toMatchObject({ ok: true, changed });
    if (result.ok) expect(at(result.text, 'events', 0, 'xdm', 'identityMap')).toEqual(left);
  });

  it('refuses an identity without id', () => {
    expect(setIdentity(body, { namespace: 'Email', id: ' ' }).ok).toBe(false);
  });
});
