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
