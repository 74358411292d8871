import { expect, test, vi } from 'vitest';
import type { CapturedCall } from '../session/call';
import type { SidePanelState } from '../shared/protocol';
import { createSidePanelModel, isSidePanelState, pageGroups } from './side-panel-model';
import { makeCall, makePage } from './test-fixtures';

const plain = (...texts: string[]): Pick<CapturedCall, 'plain'> => ({
  plain: texts.map((text) => ({ text, problem: false })),
});

const texts = (groups: ReturnType<typeof pageGroups>) =>
  groups.map((g) => [g.title, g.lines.map((l) => l.text)]);

test('one line per event, grouped by page in time order, newest last', () => {
  const pages = [
    makePage('p2', { title: 'Checkout', startedAt: 2000 }),
    makePage('p1', { title: 'Home', startedAt: 1000 }),
  ];
  const calls = [
    makeCall(3, { pageId: 'p2', ...plain('Page view: checkout') }),
    makeCall(2, { pageId: 'p1', ...plain('Link click: Add to cart') }),
    makeCall(1, { pageId: 'p1', ...plain('Page view: home', 'Personalization: 2 offers') }),
  ];
  expect(texts(pageGroups(calls, pages))).toEqual([
    ['Home', ['Page view: home', 'Personalization: 2 offers', 'Link click: Add to cart']],
    ['Checkout', ['Page view: checkout']],
  ]);
});

test('calls of no known page come first, a page without a title shows its URL, and the page the tab is on shows even without calls', () => {
  const pages = [
    makePage('p1', { url: 'https://shop.example/cart?x=1', startedAt: 1000 }),
    makePage('p2', { title: '  ', url: 'https://shop.example/', startedAt: 2000 }),
  ];
  const calls = [makeCall(1, { pageId: 'gone', ...plain('Consent: in') })];
  const groups = pageGroups(calls, pages);
  expect(texts(groups)).toEqual([
    ['Earlier page', ['Consent: in']],
    ['shop.example', []],
  ]);
});

test('a call not analysed yet shows its event types, and a failed call marks its lines', () => {
  const calls = [
    makeCall(1, { eventTypes: ['commerce.purchases'], status: 502 }),
    makeCall(2, { eventTypes: [], ...{ plain: [{ text: 'Error: Bad request', problem: true }] } }),
  ];
  const [group] = pageGroups(calls, [makePage('page-a')]);
  expect(group?.lines.map((l) => [l.text, l.problem, l.status])).toEqual([
    ['commerce.purchases', true, '502'],
    ['Error: Bad request', true, '200'],
  ]);
});

test('a display notification is named by the activity its decision carried', () => {
  const decision = makeCall(1, {
    ...plain('Page view: home', 'Personalization: 1 offer'),
    facts: { propositions: [{ id: 'prop-1', activity: 'Summer sale', items: 1 }] },
  });
  const display = makeCall(2, {
    ...plain('Personalization shown'),
    facts: {
      notified: [
        { types: ['display'], ids: ['prop-1'], eventType: 'decisioning.propositionDisplay' },
      ],
    },
  });
  // Merged into the next page view (includeRenderedPropositions): a line of its own after it.
  const merged = makeCall(3, {
    ...plain('Link click: Buy'),
    facts: {
      notified: [
        { types: ['interact'], ids: ['prop-1'], eventType: 'web.webinteraction.linkClicks' },
        { types: ['display'], ids: ['other'], eventType: 'web.webinteraction.linkClicks' },
        { types: ['display'], ids: ['prop-1'], eventType: 'web.webinteraction.linkClicks' },
      ],
    },
  });
  // Unknown proposition: the plain words stay.
  const unknown = makeCall(4, {
    ...plain('Personalization shown'),
    facts: {
      notified: [
        { types: ['display'], ids: ['other'], eventType: 'decisioning.propositionDisplay' },
      ],
    },
  });
  const [group] = pageGroups([decision, display, merged, unknown], [makePage('page-a')]);
  expect(group?.lines.map((l) => l.text)).toEqual([
    'Page view: home',
    'Personalization: 1 offer',
    'Offer shown: Summer sale',
    'Link click: Buy',
    'Offer shown: Summer sale',
    'Personalization shown',
  ]);
});

function state(tabId: number, overrides: Partial<SidePanelState> = {}): SidePanelState {
  return {
    tabId,
    count: 1,
    failures: 0,
    paused: false,
    calls: [makeCall(1, { tabId, ...plain(`Page view: tab ${tabId}`) })],
    pages: [makePage('page-a', { tabId, title: `Tab ${tabId}` })],
    visitor: { consent: 'in', ecid: '123' },
    findings: [],
    ...overrides,
  };
}

test('the guard refuses what is not a side panel state', () => {
  expect(isSidePanelState(state(1))).toBe(true);
  expect(isSidePanelState({ ...state(1), calls: [{ id: 1 }] })).toBe(false);
  expect(isSidePanelState({ ...state(1), findings: [{}] })).toBe(false);
  expect(isSidePanelState({ ...state(1), visitor: undefined })).toBe(false);
  expect(isSidePanelState(undefined)).toBe(false);
});

test('the model follows the active tab, drops a late answer for a tab it left, and pauses', async () => {
  let onTab: (tabId: number | undefined) => void = () => {};
  const answers = new Map<number, (value: unknown) => void>();
  const fetchState = vi.fn(
    (tabId: number) => new Promise<unknown>((resolve) => answers.set(tabId, resolve)),
  );
  const setPaused = vi.fn(async () => ({}));
  const model = createSidePanelModel({
    tabs: {
      follow: (listener) => {
        onTab = listener;
        return () => {};
      },
    },
    fetchState,
    setPaused,
    intervalMs: 60_000,
  });
  model.start();
  onTab(1);
  onTab(2);
  answers.get(2)!(state(2));
  answers.get(1)!(state(1));
  await vi.waitFor(() => expect(model.state.value?.tabId).toBe(2));
  await Promise.resolve();
  expect(model.groups.value.map((g) => g.title)).toEqual(['Tab 2']);
  expect(model.tabId.value).toBe(2);

  const toggled = model.togglePaused();
  await vi.waitFor(() => expect(setPaused).toHaveBeenCalledWith(true));
  answers.get(2)!(state(2, { paused: true }));
  await toggled;
  expect(model.state.value?.paused).toBe(true);

  onTab(undefined);
  expect(model.state.value).toBeUndefined();
  model.dispose();
});
