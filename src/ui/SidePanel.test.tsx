// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, test, vi } from 'vitest';
import type { SidePanelState } from '../shared/protocol';
import { createSidePanelModel } from './side-panel-model';
import { SidePanel } from './SidePanel';
import { makeCall, makePage } from './test-fixtures';

const reply: SidePanelState = {
  tabId: 3,
  count: 3,
  failures: 1,
  paused: true,
  calls: [
    makeCall(1, {
      tabId: 3,
      pageId: 'home',
      plain: [
        { text: 'Page view: <img src=x onerror=alert(1)>', problem: false },
        { text: 'Personalization: 1 offer', problem: false },
      ],
    }),
    makeCall(2, {
      tabId: 3,
      pageId: 'checkout',
      status: 502,
      plain: [{ text: 'Page view: checkout', problem: true }],
    }),
  ],
  pages: [
    makePage('home', { tabId: 3, title: 'Home', startedAt: 1 }),
    makePage('checkout', { tabId: 3, title: 'Checkout', startedAt: 2 }),
  ],
  visitor: { consent: 'in', ecid: '4444' },
  findings: [
    {
      check: 'ecid-changed',
      rule: 'visit:ecid-changed',
      status: 'warn',
      title: 'The ECID changed during the visit',
      explanation: '#2 interact shows ECID 4444; before it the visitor was 1111.',
      next: 'Check the identity cookie.',
      callIds: ['call-2'],
    },
  ],
};

async function mounted() {
  const setPaused = vi.fn(async () => ({}));
  const model = createSidePanelModel({
    tabs: {
      follow: (onTab) => {
        onTab(3);
        return () => {};
      },
    },
    fetchState: async () => reply,
    setPaused,
    intervalMs: 60_000,
  });
  const container = document.createElement('div');
  model.start();
  await vi.waitFor(() => expect(model.state.value).toBeDefined());
  await act(() => render(<SidePanel model={model} />, container));
  return { model, container, setPaused };
}

test('the side panel lists the events by page in plain words, as text, with findings and visitor', async () => {
  const { model, container } = await mounted();
  const headings = [...container.querySelectorAll('h1, h2, h3')].map((h) => h.textContent);
  expect(headings).toEqual([
    'AEP Edge Inspector',
    'Visitor',
    'Visit findings',
    'Events',
    'Home',
    'Checkout',
  ]);
  const log = container.querySelector('[role="log"]');
  expect(log?.getAttribute('aria-label')).toBe('Events by page');
  const lists = [...(log?.querySelectorAll('ul') ?? [])];
  expect(lists.map((ul) => ul.getAttribute('aria-label'))).toEqual([
    'Events on Home',
    'Events on Checkout',
  ]);
  expect(lists.map((ul) => [...ul.querySelectorAll('li')].map((li) => li.textContent))).toEqual([
    ['Page view: <img src=x onerror=alert(1)> 200', 'Personalization: 1 offer 200'],
    ['Page view: checkout ✖ problem, 502'],
  ]);
  // Page text stays text.
  expect(container.querySelector('img')).toBeNull();
  expect(lists[1]?.querySelector('li')?.className).toContain('problem');

  expect(container.querySelector('[role="status"]')?.textContent).toBe(
    '3 calls · 1 failed · 1 finding · Capture paused',
  );
  const finding = container.querySelector('[aria-label="Visit findings"] li');
  expect(finding?.textContent).toBe(
    'Warning The ECID changed during the visit#2 interact shows ECID 4444; before it the visitor was 1111.',
  );
  expect([...container.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['in', '4444']);
  render(null, container);
  model.dispose();
});

test('its buttons have visible names, and Resume capture resumes', async () => {
  const { model, container, setPaused } = await mounted();
  const buttons = [...container.querySelectorAll('button')];
  expect(buttons.map((b) => b.textContent)).toEqual(['Resume capture', 'Export HAR', 'Export CSV']);
  await act(() => buttons[0]?.click());
  expect(setPaused).toHaveBeenCalledWith(false);
  render(null, container);
  model.dispose();
});
