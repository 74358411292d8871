import { describe, expect, it } from 'vitest';
import { requestFixture, responseFixture } from '../edge/test-fixtures';
import { compareRequests, compareResponses, visibleDiff, type CallDiff } from './call-compare';

type Json = Record<string, unknown>;

function edited(text: string, change: (body: Json) => void): string {
  const body = JSON.parse(text) as Json;
  change(body);
  return JSON.stringify(body, null, 2);
}

function event0(body: Json): Json {
  return (body.events as Json[])[0] as Json;
}

const rows = (diff: CallDiff, showVolatile = false) =>
  visibleDiff(diff, showVolatile).shown.map((e) => `${e.part} ${e.change} ${e.path}`);

const pageView = requestFixture('page-view-home');
const addToCart = requestFixture('add-to-cart');

describe('compareRequests', () => {
  it('names the edited paths, not the formatting or the new requestId', () => {
    const body = edited(pageView.text, (b) => {
      const xdm = event0(b).xdm as Json;
      xdm.eventType = 'web.webinteraction.linkClicks';
      ((xdm.web as Json).webPageDetails as Json).name = 'home (edited)';
    });
    const resendUrl = pageView.url.replace(/requestId=[^&]+/, 'requestId=new-id');
    const diff = compareRequests(
      { url: pageView.url, body: pageView.text },
      { url: resendUrl, body },
    );
    expect(rows(diff)).toEqual([
      'body changed events[0].xdm.web.webPageDetails.name',
      'body changed events[0].xdm.eventType',
    ]);
    expect(visibleDiff(diff, false).hiddenVolatile).toBe(1);
    expect(rows(diff, true)).toContain('query changed requestId');
  });

  it.each([
    [
      'a datastream override',
      (u: string) => u.replace(/configId=[^&]+/, 'configId=other'),
      ['query changed configId'],
    ],
    [
      'another host',
      (u: string) => u.replace('edge.adobedc.net', 'data.example.com'),
      ['url changed host'],
    ],
    ['a region in the path', (u: string) => u.replace('/ee/', '/ee/irl1/'), ['url changed path']],
    ['an added parameter', (u: string) => `${u}&debug=1`, ['query added debug']],
  ])('shows %s in the URL', (_name, change, expected) => {
    const diff = compareRequests(
      { url: pageView.url, body: pageView.text },
      { url: change(pageView.url), body: pageView.text },
    );
    expect(rows(diff)).toEqual(expected);
  });

  it.each([
    [
      'timestamp and _id',
      (b: Json) => Object.assign(event0(b).xdm as Json, { timestamp: 'now', _id: 'x' }),
    ],
    ['queueTimeMillis', (b: Json) => Object.assign(b.meta as Json, { queueTimeMillis: 99 })],
    [
      'meta.state cookie values',
      (b: Json) => {
        const entries = ((b.meta as Json).state as Json).entries as Json[];
        for (const entry of entries) entry.value = 'rewritten';
      },
    ],
  ])('treats %s as volatile', (_name, change) => {
    const diff = compareRequests(
      { url: addToCart.url, body: addToCart.text },
      { url: addToCart.url, body: edited(addToCart.text, change) },
    );
    expect(rows(diff)).toEqual([]);
    expect(rows(diff, true).length).toBeGreaterThan(0);
  });

  it('shows dropped meta.state entries (a new visitor) as a real difference', () => {
    const body = edited(addToCart.text, (b) => delete ((b.meta as Json).state as Json).entries);
    expect(
      rows(
        compareRequests({ url: addToCart.url, body: addToCart.text }, { url: addToCart.url, body }),
      ),
    ).toEqual(['body removed meta.state.entries']);
  });

  it('compares bodies that are not JSON as text, and says when one is missing', () => {
    const text = compareRequests(
      { url: pageView.url, body: 'a' },
      { url: pageView.url, body: 'b' },
    );
    expect(rows(text)).toEqual(['body changed ']);
    expect(text.notes[0]).toMatch(/not JSON/);
    const missing = compareRequests({ url: pageView.url, body: 'a' }, { url: pageView.url });
    expect(missing.entries).toEqual([]);
    expect(missing.notes[0]).toMatch(/resend's was not captured/);
  });
});

describe('compareResponses', () => {
  const page = responseFixture('page-view');

  it('ignores what changes on every answer: requestId, cookie values and lifetimes, event tokens', () => {
    const body = edited(page.text, (b) => {
      b.requestId = 'other-0123456789abcdef';
      for (const handle of b.handle as Json[]) {
        if (handle.type === 'state:store') {
          for (const entry of handle.payload as Json[])
            Object.assign(entry, { value: 'v2', maxAge: 1 });
        }
      }
    });
    const diff = compareResponses({ status: 200, body: page.text }, { status: 200, body });
    expect(rows(diff)).toEqual([]);
    expect(rows(diff, true).length).toBeGreaterThan(2);
  });

  it('lines handles up by type and shows status, a new ECID and an added error', () => {
    const body = edited(page.text, (b) => {
      const handles = b.handle as Json[];
      const identity = handles.find((h) => h.type === 'identity:result') as Json;
      ((identity.payload as Json[])[0] as Json).id = '99';
      handles.reverse();
      b.errors = [{ type: 'https://ns.adobe.com/aep/errors/EXEG-0201-503', status: 503 }];
    });
    const diff = compareResponses({ status: 200, body: page.text }, { status: 207, body });
    expect(rows(diff)).toEqual([
      'status changed status',
      'body changed handle[type=identity:result].payload[namespace=ECID].id',
      'body added errors',
    ]);
  });

  it('compares error responses by problem type', () => {
    const a = responseFixture('400-problem');
    const diff = compareResponses(
      { status: a.status, body: a.text },
      { status: 200, body: page.text },
    );
    expect(rows(diff)).toContain('status changed status');
  });
});
