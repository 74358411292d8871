// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, test, vi } from 'vitest';
import type { PopupSummary } from '../shared/protocol';
import { Popup } from './Popup';
import { createPopupModel } from './popup-model';
import { makeCall } from './test-fixtures';

test('the popup lists the last calls, marks failures and opens the viewer', async () => {
  const reply: PopupSummary = {
    tabId: 4,
    count: 12,
    failures: 1,
    paused: true,
    last: [makeCall(11), makeCall(12, { status: 502, eventTypes: ['commerce.purchases'] })],
  };
  const openViewer = vi.fn();
  const model = createPopupModel({ tabId: 4, fetchSummary: async () => reply, openViewer });
  const container = document.createElement('div');
  await model.refresh();
  await act(() => render(<Popup model={model} />, container));
  const list = container.querySelector('ul');
  expect(list?.getAttribute('aria-label')).toBe('Recent calls');
  const items = [...(list?.querySelectorAll('li') ?? [])];
  expect(items.map((li) => li.dataset.failed)).toEqual(['true', undefined]);
  expect(items[0]?.textContent).toBe('commerce.purchases, ✖ failed 502');
  expect(container.querySelector('[role="status"]')?.textContent).toContain(
    '12 calls · 1 failed · Capture paused',
  );
  const button = [...container.querySelectorAll('button')].find(
    (b) => b.textContent === 'Open viewer',
  );
  expect(button).toBeDefined();
  // Paused in this summary, so the capture button offers to resume.
  expect([...container.querySelectorAll('button')].map((b) => b.textContent)).toContain(
    'Resume capture',
  );
  await act(() => button?.click());
  expect(openViewer).toHaveBeenCalledWith(4);
  render(null, container);
});

test('the popup counts the visit findings and opens the side panel from the click', async () => {
  const reply: PopupSummary = {
    tabId: 4,
    count: 2,
    failures: 0,
    paused: false,
    last: [makeCall(1)],
    visitFindings: 2,
  };
  const calls: string[] = [];
  let opened: () => void = () => {};
  const openSidePanel = vi.fn(
    (tabId: number | undefined) =>
      new Promise<void>((resolve) => {
        calls.push(`open ${tabId}`);
        opened = resolve;
      }),
  );
  const onSidePanelOpened = vi.fn(() => calls.push('opened'));
  const model = createPopupModel({
    tabId: 4,
    fetchSummary: async () => reply,
    openViewer: vi.fn(),
    openSidePanel,
    onSidePanelOpened,
  });
  const container = document.createElement('div');
  await model.refresh();
  await act(() => render(<Popup model={model} />, container));
  expect(container.querySelector('[role="status"]')?.textContent).toContain(
    '2 calls · 2 visit findings',
  );
  const button = [...container.querySelectorAll('button')].find(
    (b) => b.textContent === 'Open side panel',
  );
  // Called during the click itself (the browser's user gesture), not after an await.
  button?.click();
  expect(calls).toEqual(['open 4']);
  opened();
  await vi.waitFor(() => expect(onSidePanelOpened).toHaveBeenCalled());
  expect(calls).toEqual(['open 4', 'opened']);
  render(null, container);
});

test('the popup says when the side panel cannot open', async () => {
  const model = createPopupModel({
    tabId: 4,
    fetchSummary: async () => ({ tabId: 4, count: 0, failures: 0, paused: false, last: [] }),
    openViewer: vi.fn(),
    openSidePanel: () => Promise.reject(new Error('this browser has no side panel')),
  });
  model.openSidePanel();
  await vi.waitFor(() =>
    expect(model.error.value).toBe('Could not open the side panel: this browser has no side panel'),
  );
});
