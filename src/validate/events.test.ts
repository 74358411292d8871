import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequestText } from '../edge/decode-request';
import { allFixtureBodies } from '../edge/test-fixtures';
import { sentEvents } from './events';

/** What the full request decoder makes of the events, reduced to what rules see. */
function decoded(text: string) {
  return decodeRequestText(text).events.map((e) => ({ xdm: e.xdm, data: e.data, meta: e.meta }));
}

describe('sentEvents reads the events as the request decoder does', () => {
  it('over every captured request fixture', () => {
    for (const body of allFixtureBodies()) {
      const text = JSON.stringify(body);
      expect(sentEvents(text)).toEqual(decoded(text));
    }
  });

  it('over arbitrary bodies with events, event, both or neither', () => {
    const event = fc.oneof(
      fc.record(
        { xdm: fc.jsonValue(), data: fc.jsonValue(), meta: fc.jsonValue() },
        {
          requiredKeys: [],
        },
      ),
      fc.jsonValue(),
    );
    const body = fc.record(
      { events: fc.oneof(fc.array(event), fc.jsonValue()), event, query: fc.jsonValue() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          body.map((b) => JSON.stringify(b)),
          fc.string(),
        ),
        (text) => {
          expect(sentEvents(text)).toEqual(decoded(text));
        },
      ),
    );
  });
});
