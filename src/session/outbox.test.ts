import { describe, expect, it } from 'vitest';
import { cleanOutbox, RelayDocuments } from './outbox';
import { INTERACT, hook } from './test-observations';

const sender = { tabId: 7, frameId: 0, documentId: 'doc-7' };

describe('cleanOutbox: a leaving page kept its unacknowledged batches', () => {
  const payload = { observations: [JSON.stringify(hook('request'))], pageToken: 'doc-x' };
  const found = { tabId: 3, frameId: 0 };
  /** The worker's call table: webRequest saw the hook's call (same URL) in tab 3. */
  const place = (call: { url: string }) => (call.url === INTERACT ? found : undefined);

  it('a relay the worker had acknowledged: its own tab and document', () => {
    const batch = cleanOutbox({ from: sender, url: 'x', top: true, payloads: [payload] }, place);
    expect(batch?.observations.map((o) => [o.tabId, o.documentId])).toEqual([[7, 'doc-7']]);
  });

  it("a relay never acknowledged: the tab of its call, the document of the relay's token", () => {
    const batch = cleanOutbox(
      { url: 'https://shop.test/', top: true, payloads: [{ ...payload, page: { url: 'u' } }] },
      place,
    );
    expect(batch?.observations.map((o) => [o.tabId, o.documentId])).toEqual([[3, 'doc-x']]);
    expect(batch?.pages).toMatchObject([{ tabId: 3, documentId: 'doc-x', url: 'u' }]);
  });

  it('a relay nothing places: kept under no tab, its top document still its own', () => {
    const value = {
      url: 'https://shop.test/',
      top: true,
      payloads: [
        {
          observations: [JSON.stringify(hook('request', { url: `${INTERACT}&x=1` }))],
          pageToken: 'doc-y',
          page: { url: 'https://shop.test/' },
        },
      ],
    };
    const asked: string[] = [];
    const batch = cleanOutbox(value, (_call, pageUrl) => {
      asked.push(pageUrl);
      return place(_call);
    });
    expect(asked).toEqual(['https://shop.test/']);
    expect(batch?.observations.map((o) => [o.tabId, o.documentId])).toEqual([[-1, 'doc-y']]);
    expect(batch?.pages).toMatchObject([{ tabId: -1, documentId: 'doc-y' }]);
  });

  it.each([
    [
      'a forged sender and no calls',
      { from: { tabId: 'x' }, url: 'https://other.test/', top: false, payloads: [] },
    ],
    ['not an outbox', 'junk'],
    ['no payloads', { url: 'https://shop.test/cart', top: true }],
  ])('nothing to store: %s', (_name, value) => {
    expect(cleanOutbox(value, place)).toBeUndefined();
  });
});

describe('RelayDocuments: which document each relay is, as its messages said', () => {
  it('learns a top frame relay by its token, never a sub-frame or a sender without a document', () => {
    const documents = new RelayDocuments(2);
    documents.learn({ pageToken: 'doc-a' }, { tabId: 4, frameId: 0, documentId: 'D1' });
    documents.learn({ pageToken: 'doc-b' }, { tabId: 4, frameId: 3, documentId: 'D2' });
    documents.learn({ pageToken: 'doc-c' }, { tabId: 4, frameId: 0 });
    documents.learn('junk', { tabId: 4, frameId: 0, documentId: 'D3' });
    expect(documents.get('doc-a')).toEqual({ tabId: 4, frameId: 0, documentId: 'D1' });
    expect(['doc-b', 'doc-c'].map((t) => documents.get(t))).toEqual([undefined, undefined]);
    // Bounded: the oldest goes first.
    documents.learn({ pageToken: 'doc-d' }, { tabId: 5, frameId: 0, documentId: 'D4' });
    documents.learn({ pageToken: 'doc-e' }, { tabId: 5, frameId: 0, documentId: 'D5' });
    expect(documents.get('doc-a')).toBeUndefined();
    expect(documents.get('doc-e')?.documentId).toBe('D5');
  });

  it("places an unanswered relay's outbox in its own document through the token", () => {
    const documents = new RelayDocuments();
    documents.learn({ pageToken: 'doc-x' }, { tabId: 9, frameId: 0, documentId: 'D9' });
    const payload = {
      observations: [JSON.stringify(hook('request'))],
      pageToken: 'doc-x',
      page: { url: 'https://shop.test/', time: 1 },
    };
    const batch = cleanOutbox(
      { url: 'https://shop.test/', top: true, payloads: [payload] },
      (call) => documents.get(call.pageToken),
    );
    expect(batch?.observations.map((o) => [o.tabId, o.documentId])).toEqual([[9, 'D9']]);
    expect(batch?.pages).toMatchObject([{ tabId: 9, documentId: 'D9' }]);
  });
});
