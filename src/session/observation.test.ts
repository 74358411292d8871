import { describe, expect, it } from 'vitest';
import { cleanRelayBatch, headersOf } from './observation';
import { INTERACT, hook, monitor, wr } from './test-observations';

const sender = { tabId: 7, frameId: 0, documentId: 'doc-7' };
const batch = (...observations: unknown[]) =>
  cleanRelayBatch({ observations: observations.map((o) => JSON.stringify(o)) }, sender);

describe('cleanRelayBatch: what a page may say', () => {
  it.each([
    ['a page-hook observation', hook('request'), 1],
    ['an alloy-monitor observation', monitor('request'), 1],
    ['a claim to be webRequest', wr('request'), 0],
    ['a claim to be DevTools', { ...hook('request'), source: 'devtools', startedAt: 1 }, 0],
    ['a claim to be the extension', { ...hook('request'), source: 'extension', sendId: 's' }, 0],
    ['a non-Edge URL', hook('request', { url: 'https://example.com/ee/nothing' }), 0],
    ['a hook observation without its id', { ...hook('request'), hookId: undefined }, 0],
  ])('%s: %i kept', (_name, observation, kept) => {
    expect(batch(observation).observations).toHaveLength(kept);
  });

  it("takes tab, frame and document from the browser's sender, not the page", () => {
    const [obs] = batch(
      hook('request', { tabId: 99, frameId: 3, documentId: 'forged' }),
    ).observations;
    expect(obs).toMatchObject({ tabId: 7, frameId: 0, documentId: 'doc-7', url: INTERACT });
    const [inFrame] = cleanRelayBatch(
      { observations: [JSON.stringify(hook('request', { documentId: 'forged' }))] },
      { ...sender, frameId: 2 },
    ).observations;
    expect(inFrame).toMatchObject({ tabId: 7, frameId: 2 });
    expect(inFrame && 'documentId' in inFrame).toBe(false);
  });

  it('keeps at most 500 observations of one batch, and refuses junk without throwing', () => {
    const many = Array.from({ length: 600 }, (_, i) => hook('request', { hookId: `f:${i}` }));
    expect(batch(...many).observations).toHaveLength(500);
    expect(cleanRelayBatch('junk', sender)).toEqual({ observations: [], pages: [] });
    expect(
      cleanRelayBatch({ observations: ['{"source":', 42, null] }, sender).observations,
    ).toEqual([]);
  });
});

describe('headersOf: one header list from what each source holds', () => {
  it.each<[string, unknown, unknown]>([
    ['HAR records', [{ name: 'a', value: '1' }], [{ name: 'a', value: '1' }]],
    ['webRequest records without a value', [{ name: 'a' }], [{ name: 'a', value: '' }]],
    ['Headers pairs', [['a', '1']], [{ name: 'a', value: '1' }]],
    ['entries without a string name dropped', [{ value: '1' }, [1, '2'], 'x'], []],
    ['a value of the wrong type dropped', [{ name: 'a', value: 3 }], []],
    ['not a list', { name: 'a' }, undefined],
  ])('%s', (_name, input, expected) => {
    expect(headersOf(input)).toEqual(expected);
  });
});
