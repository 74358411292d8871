// @vitest-environment happy-dom
/**
 * Triage by keyboard alone, in the viewer as the panel shows it (the shell, with its Keys dialog):
 * every key is pressed as a keydown on whatever has the focus, never a click. The same keys run in
 * the real DevTools panel in e2e/devtools-panel.spec.ts.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFakeTransport } from './fake-transport';
import { KEYMAP, keyAction, keyLabels } from './keymap';
import { makeCall, makePage, makeStatus, fakeLayout } from './test-fixtures';
import { createShell, ViewerShell } from './ViewerShell';

let container: HTMLElement;
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(async () => {
  await act(() => render(null, container));
  container.remove();
  restoreLayout();
});

const $ = (selector: string) => container.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...container.querySelectorAll<HTMLElement>(selector)];
const callRows = () => $$('[role="grid"] [role="row"][data-key]');
const selected = () => $('[role="row"][aria-selected="true"]')?.dataset.key;
const activeTab = () => $('.call-details [role="tab"][aria-selected="true"]')?.textContent;

async function mount(count = 3) {
  const transport = createFakeTransport();
  const shell = createShell({ tabId: 7 }, () => transport, transport);
  await act(() => render(<ViewerShell shell={shell} title="AEP Edge Inspector" />, container));
  await act(() => {
    transport.deliver({
      type: 'snapshot',
      payload: {
        calls: Array.from({ length: count }, (_, i) => makeCall(i + 1)),
        pages: [makePage('page-a')],
        reset: true,
        done: true,
        status: makeStatus({ stored: count }),
      },
    });
  });
  // The worker's answer to every get-call: the call with a JSON request body.
  const answer = () =>
    act(() => {
      for (const sent of transport.sent.splice(0)) {
        if (sent.type !== 'get-call') continue;
        const seq = Number(sent.payload.id.replace('call-', ''));
        transport.deliver({
          type: 'call-detail',
          payload: {
            id: sent.payload.id,
            detail: {
              call: makeCall(seq),
              requestBody: JSON.stringify({ events: [{ xdm: { eventType: `type-${seq}` } }] }),
              responseBody: '{"handle":[]}',
            },
          },
        });
      }
    });
  return { transport, answer };
}

async function press(key: string, init: KeyboardEventInit = {}) {
  await act(() => {
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
}

describe('the keymap', () => {
  test('one action per key in each context, and every binding has keys and words', () => {
    for (const binding of KEYMAP) {
      expect(binding.keys.length).toBeGreaterThan(0);
      expect(binding.does).not.toBe('');
      if (binding.native) continue;
      for (const key of binding.keys) {
        const press = key.startsWith('Ctrl+') ? { key: key.slice(5), ctrlKey: true } : { key };
        expect(keyAction(binding.context, press)?.action, `${binding.context} ${key}`).toBe(
          binding.action,
        );
      }
    }
  });

  test('modifiers are not plain keys', () => {
    expect(keyAction('viewer', { key: 'j', ctrlKey: true })).toBeUndefined();
    expect(keyAction('viewer', { key: 'J' })).toBeUndefined();
    expect(keyAction('tree', { key: 'C', ctrlKey: true })?.action).toBe('copy-value');
  });
});

describe('triage by keyboard', () => {
  test('? opens the dialog that lists the keymap', async () => {
    await mount();
    const dialog = $('dialog.keys-dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(false);
    await press('?', { shiftKey: true });
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('keys-title');
    const rows = [...dialog.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(KEYMAP.length);
    const words = rows.map((row) => row.textContent);
    for (const binding of KEYMAP) {
      expect(words).toContain(keyLabels(binding).join(' ') + binding.does);
    }
    expect([...dialog.querySelectorAll('caption')].map((c) => c.textContent)).toContain(
      'In the call list',
    );
  });

  test('j and k open the next and previous call from anywhere; digits and ] switch tabs', async () => {
    const { transport, answer } = await mount();
    await press('j');
    expect(selected()).toBe('call-1');
    expect(transport.sent).toContainEqual({ type: 'get-call', payload: { id: 'call-1' } });
    await answer();
    await press('j');
    await press('j');
    await answer();
    expect(selected()).toBe('call-3');
    await press('k');
    await answer();
    expect(selected()).toBe('call-2');
    expect(activeTab()).toBe('Request');
    await press('2');
    expect(activeTab()).toBe('Response');
    await press('9');
    expect(activeTab()).toBe('Sources');
    await press(']');
    expect(activeTab()).toBe('Request');
    await press('[');
    expect(activeTab()).toBe('Sources');
  });

  test('/ goes to the filter, where keys are typing; Enter goes back to the list', async () => {
    await mount();
    await press('/');
    const filter = $('input[aria-label="Filter"]');
    expect(document.activeElement).toBe(filter);
    await press('j');
    expect(selected()).toBeUndefined();
    await press('Enter');
    expect(document.activeElement).toBe(callRows()[0]);
  });

  test('l goes to the list; Enter opens; Escape closes and stays on the call', async () => {
    const { answer } = await mount();
    await press('l');
    expect(document.activeElement).toBe(callRows()[0]);
    await press('ArrowDown');
    await press('Enter');
    await answer();
    expect($('[aria-label="Call details"]')).not.toBeNull();
    expect(selected()).toBe('call-2');
    await press('Escape');
    expect($('[aria-label="Call details"]')).toBeNull();
    expect(document.activeElement).toBe(callRows()[1]);
  });

  test('t goes to the JSON tree; p copies a path of it', async () => {
    const { answer } = await mount();
    await press('j');
    await answer();
    await press('t');
    const item = document.activeElement as HTMLElement;
    expect(item.getAttribute('role')).toBe('treeitem');
    await press('ArrowDown');
    await press('ArrowDown');
    const copied: string[] = [];
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    await press('p');
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(copied).toEqual(['events[0]']);
    expect($('.json-copy-status')?.textContent).toBe('Copied path events[0]');
  });

  test('h hides the open call and opens the next; n edits its note, Enter saves', async () => {
    const { transport, answer } = await mount();
    await press('l');
    await press('Enter');
    await answer();
    await press('n');
    const note = $('input[aria-label="Note"]') as HTMLInputElement;
    expect(document.activeElement).toBe(note);
    note.value = 'checked by QA';
    await act(() => {
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => note.form?.requestSubmit());
    expect(transport.sent).toContainEqual({
      type: 'set-note',
      payload: { id: 'call-1', note: 'checked by QA' },
    });
    expect($('input[aria-label="Note"]')).toBeNull();
    callRows()[0]?.focus();
    await press('h');
    expect(transport.sent).toContainEqual({
      type: 'set-hidden',
      payload: { id: 'call-1', hidden: true },
    });
    expect(selected()).toBe('call-2');
  });

  test('r opens the resend editor on the open call', async () => {
    const { answer } = await mount();
    await press('j');
    await answer();
    await press('r');
    await expect.poll(() => $('dialog.resend-dialog') !== null, { timeout: 5000 }).toBe(true);
  });
});
