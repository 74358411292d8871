// @vitest-environment happy-dom
/**
 * The decoded detail views over the decoder fixtures (real alloy requests, responses shaped after
 * the protocol reference): what a person reads in each tab.
 */
import { signal } from '@preact/signals';
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapturedCall } from '../../session/call';
import type { CallWithBodies } from '../../shared/protocol';
import { makeCall } from '../test-fixtures';
import { decodeBodiesCached } from './decoded-bodies';
import { IdentityView } from './IdentityView';
import { LaterCalls } from './later-calls';
import { RawView } from './RawView';
import { RequestView } from './RequestView';
import { ResponseView } from './ResponseView';
import { XdmView } from './XdmView';

// The edge fixtures, read with Node paths (happy-dom's URL cannot name a file).
const FIXTURES = join(process.cwd(), 'src/edge/fixtures');
type Fixture = { url: string; status: number; headers: []; body?: unknown; bodyText?: string };
const read = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
function requestFixture(name: string, prefix = 'request-') {
  const raw = read(`${prefix}${name}.json`);
  return { url: raw.url, text: JSON.stringify(raw.body) };
}
function responseFixture(name: string) {
  const raw = read(`response-${name}.json`);
  const text = typeof raw.bodyText === 'string' ? raw.bodyText : JSON.stringify(raw.body);
  return { status: raw.status, headers: raw.headers, text };
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

let seq = 0;
function detailOf(
  request: string | undefined,
  response: string | undefined,
  options: { url?: string; responseText?: string; call?: Partial<CapturedCall> } = {},
): CallWithBodies {
  const req = request === undefined ? undefined : requestFixture(request);
  const res = response === undefined ? undefined : responseFixture(response);
  const url = options.url ?? req?.url ?? 'https://edge.adobedc.net/ee/v1/interact?configId=ds';
  return {
    call: makeCall(++seq, {
      url,
      status: res?.status,
      responseHeaders: res?.headers,
      ...options.call,
    }),
    requestBody: req?.text,
    responseBody: options.responseText ?? res?.text,
  };
}

async function show(node: ComponentChildren, later: readonly CapturedCall[] = []) {
  await act(() => {
    render(<LaterCalls.Provider value={signal(later)}>{node}</LaterCalls.Provider>, container);
  });
  return container.textContent ?? '';
}

const response = (detail: CallWithBodies) => (
  <ResponseView detail={detail} decoding={decodeBodiesCached(detail)} />
);
const request = (detail: CallWithBodies) => (
  <RequestView detail={detail} decoding={decodeBodiesCached(detail)} />
);
const group = (name: string) =>
  [...container.querySelectorAll('[role="group"]')].find(
    (el) =>
      el.querySelector(`#${CSS.escape(el.getAttribute('aria-labelledby') ?? '')}`)?.textContent ===
      name,
  );

describe('Request view', () => {
  test('endpoint facts, the event with its index, personalization asked for, request level', async () => {
    const text = await show(request(detailOf('page-view-home', undefined)));
    expect(text).toContain('Adobe Edge host');
    expect(text).toContain('none in the path (not pinned to a region)');
    expect(text).toContain('8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63 (from configId)');
    expect(text).toContain('25646703-bce0-49ed-ac7b-9e90eeb63974');
    expect(group('Event 0 · web.webpagedetails.pageViews')).toBeDefined();
    expect(text).toContain('Page namehome');
    expect(text).toContain('Decision scopes__view__');
    expect(text).toContain('Identity fetchECID');
    expect(text).toContain('Request body');
  });

  test('a consent call lists its consent entries and the cookies sent', async () => {
    const text = await show(request(detailOf('consent-in', undefined)));
    expect(group('Consent 0 · Adobe 1.0')?.textContent).toContain(
      'generalinopted in: collection allowed',
    );
    expect(text).toContain('Cookies sent in meta.state.entries');
    expect(text).toContain('Regionor2');
  });
});

describe('Response view', () => {
  test('personalization: proposition scope, decision provider, dom-action and selector', async () => {
    const text = await show(response(detailOf('page-view-home', 'personalization-target')));
    const proposition = group('Proposition 0 · __view__')?.textContent ?? '';
    expect(proposition).toContain('the whole page (__view__)');
    expect(proposition).toContain('Adobe Target (TGT)');
    expect(proposition).toContain('setHtml');
    expect(text).toContain('Event 0 · web.webpagedetails.pageViews');
  });

  test('state:store: a cookie table with meaning, max-age as a duration or session, the ECID', async () => {
    const text = await show(response(detailOf('page-view-home', 'page-view')));
    const store = group('Handle 0 · state:store')?.textContent ?? '';
    expect(store).toContain('ECID plus metadata (Edge identity)');
    expect(store).toContain('ECID 41861666193140161934276845651148876988');
    expect(store).toContain('395 days');
    expect(store).toContain('session');
    expect(store).toContain('None');
    expect(text).toContain('Request-level handles');
  });

  test('locationHint:result says whether later calls used the region', async () => {
    const detail = detailOf('page-view-home', 'location-hint');
    const later = makeCall(999, {
      url: 'https://edge.adobedc.net/ee/or2/v1/interact?configId=ds&requestId=later',
    });
    const text = await show(response(detail), [later]);
    expect(text).toContain('Later calls from this tab: 1 call; 1 used the hint.');
  });

  test('a 207: errors and warnings explained, with codes, cause and what to check', async () => {
    const text = await show(response(detailOf('page-view-home', '207-errors-warnings')));
    expect(text).toMatch(/Errors and warnings \(1 error, 2 warnings\)/);
    expect(text).toContain('EXEG-0201-503');
    expect(text).toContain('EXEG-0204-200');
    expect(text).toContain('Status207 Partial success');
    expect(text).toMatch(/What to check/);
  });

  test('a 400 problem body: code, title, plain cause', async () => {
    const text = await show(response(detailOf('page-view-home', '400-problem')));
    const card = group('Fatal error · EXEG-0003-400 · Invalid datastream ID')?.textContent ?? '';
    expect(card).toContain('Edge does not know this datastream ID.');
    expect(card).toContain('The datastream ID is missing or invalid.');
    expect(text).toContain('Errors and warnings (1 error)');
  });

  test('unknown, typeless and non-array handles are raw with the note; payload [] says nothing returned', async () => {
    const text = await show(response(detailOf('page-view-home', 'handles-unknown-and-malformed')));
    expect(text).toContain('Unknown handle type "analytics:hit"');
    expect(text).toContain('The handle has no type: shown raw.');
    expect(text).toContain('not an array: shown raw');
    expect(group('Handle 7 · activation:push')?.textContent).toContain('Nothing returned.');
    expect(container.querySelectorAll('[role="tree"]').length).toBeGreaterThan(3);
  });

  test('non-JSON: the text as it came and where parsing stopped', async () => {
    const detail = detailOf(undefined, undefined, {
      responseText: '{"handle": [1,,]}',
      call: { status: 200 },
    });
    const text = await show(response(detail));
    expect(text).toMatch(/Not JSON: .*\(line 1, column 15\)/);
    expect(text).toContain('{"handle": [1,,]}');
  });

  test('page data stays text', async () => {
    const hostile = JSON.stringify({
      handle: [
        {
          type: '<img src=x onerror=alert(1)>',
          payload: [{ url: 'javascript:alert(1)', __proto__x: 1 }],
        },
      ],
    });
    const detail = detailOf(undefined, undefined, { responseText: hostile, call: { status: 200 } });
    const text = await show(response(detail));
    expect(container.querySelector('img, script, a')).toBeNull();
    expect(text).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('identityMap, XDM and Raw', () => {
  test('identityMap: a table per event with findings next to the data', async () => {
    const req = requestFixture('two-primaries', 'identity-map-');
    const detail: CallWithBodies = {
      call: makeCall(++seq, { url: req.url, status: undefined }),
      requestBody: req.text,
    };
    const text = await show(<IdentityView decoded={decodeBodiesCached(detail).decoded} />);
    expect(container.querySelector('table caption')?.textContent).toBe(
      'identityMap of event 0 · web.webpagedetails.pageViews',
    );
    expect(text).toContain('crm-4711');
    expect(text).toMatch(/2 identities are marked primary/);
  });

  test('XDM: a tree per event, with paths from the body root', async () => {
    const detail = detailOf('page-view-home', undefined);
    await show(<XdmView request={decodeBodiesCached(detail).decoded.request} />);
    const tree = container.querySelector('[role="tree"]');
    expect(tree?.getAttribute('aria-label')).toBe('XDM of event 0');
    expect(tree?.textContent).toContain('"eventType": "web.webpagedetails.pageViews"');
  });

  test('Raw: both bodies exactly as captured, and why one is missing', async () => {
    const detail = detailOf('identity-acquire', undefined);
    const req = requestFixture('identity-acquire');
    const text = await show(
      <RawView
        detail={{
          ...detail,
          call: {
            ...detail.call,
            response: { captured: false, missing: 'No source could read it.' },
          },
        }}
      />,
    );
    expect(container.querySelector('pre')?.textContent).toBe(req.text);
    expect(text).toContain('Body not available: No source could read it.');
  });
});
