import { describe, expect, it } from 'vitest';
import { toAlloySendEvent } from './alloy-snippet';
import { requestFixture } from './test-fixtures';

/** The options object of each `alloy("sendEvent", {...});` in the snippet. */
function optionsIn(text: string): Array<Record<string, unknown>> {
  return text.split(/\n\n(?=\w|window)/).map((call) => {
    const start = call.indexOf('{');
    return JSON.parse(call.slice(start, call.lastIndexOf('}') + 1)) as Record<string, unknown>;
  });
}

describe('toAlloySendEvent', () => {
  it('turns a captured page view into the sendEvent that makes it, without alloy’s own context', () => {
    const fixture = requestFixture('page-view-home');
    const result = toAlloySendEvent(fixture.text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.startsWith('alloy("sendEvent", {')).toBe(true);
    const [options] = optionsIn(result.text);
    expect(options).toEqual({
      xdm: { eventType: 'web.webpagedetails.pageViews', web: { webPageDetails: { name: 'home' } } },
      data: { __adobe: { analytics: { pageName: 'home' } } },
      personalization: { defaultPersonalizationEnabled: true },
    });
  });

  it.each([
    ['add-to-cart'],
    ['purchase-identity-overrides'],
    ['data-only'],
    ['unload-beacon-collect'],
    ['v2-interact'],
  ])('%s gives only options sendEvent accepts', (name) => {
    const result = toAlloySendEvent(requestFixture(name).text, {
      unloading: name.includes('beacon'),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const allowed = ['xdm', 'data', 'documentUnloading', 'personalization', 'edgeConfigOverrides'];
    for (const options of optionsIn(result.text)) {
      for (const key of Object.keys(options)) expect(allowed).toContain(key);
      const xdm = options.xdm as Record<string, unknown> | undefined;
      expect(xdm?.timestamp).toBeUndefined();
      expect(xdm?.implementationDetails).toBeUndefined();
    }
  });

  it('keeps identities, config overrides and adds a datastream override that differs', () => {
    const fixture = requestFixture('purchase-identity-overrides');
    const result = toAlloySendEvent(fixture.text, {
      datastreamId: 'other',
      configuredDatastreamId: 'ds',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [options] = optionsIn(result.text);
    expect((options?.xdm as Record<string, unknown>).identityMap).toBeDefined();
    expect(options?.edgeConfigOverrides).toMatchObject({ datastreamId: 'other' });
  });

  it.each([
    ['same datastream', { datastreamId: 'ds', configuredDatastreamId: 'ds' }, undefined],
    ['a named instance', { instance: 'myAlloy' }, 'myAlloy("sendEvent"'],
    [
      'an instance that is not an identifier',
      { instance: 'my-alloy' },
      'window["my-alloy"]("sendEvent"',
    ],
  ])('%s', (_name, options, start) => {
    const result = toAlloySendEvent('{"events":[{"xdm":{"eventType":"x"}}]}', options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    if (start) expect(result.text.startsWith(start)).toBe(true);
    else expect(result.text).not.toContain('edgeConfigOverrides');
  });

  it('maps surfaces back to the fragments sendEvent takes', () => {
    const body = JSON.stringify({
      events: [
        {
          query: {
            personalization: {
              decisionScopes: ['hero'],
              surfaces: ['web://shop.example/#offer', 'web://shop.example/'],
            },
          },
        },
      ],
    });
    const result = toAlloySendEvent(body);
    expect(result.ok && optionsIn(result.text)[0]?.personalization).toEqual({
      decisionScopes: ['hero'],
      surfaces: ['#offer'],
    });
  });

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an object', '[]', /not a JSON object/],
    ['consent, not an event', JSON.stringify(requestFixture('consent-in').body), /no events/],
  ])('refuses %s', (_name, text, message) => {
    const result = toAlloySendEvent(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
