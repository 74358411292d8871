// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, test, vi } from 'vitest';
import type { OverrideRequest, TabOverride } from '../../session/override-rules';
import { OverrideBanner } from './OverrideBanner';
import { OverrideButton } from './OverrideButton';
import type { OverrideClient } from './override-client';

const DS = '0b1e2c3d-aaaa-4bbb-8ccc-111122223333';

/** A client whose worker always agrees, and tells every follower. */
function fakeClient(supported = true) {
  let current: TabOverride | undefined;
  const followers = new Set<(o: TabOverride | undefined) => void>();
  const tell = () => followers.forEach((f) => f(current));
  const client: OverrideClient & { sent: OverrideRequest[] } = {
    supported,
    sent: [],
    follow(_tabId, onChange) {
      followers.add(onChange);
      onChange(current);
      return () => followers.delete(onChange);
    },
    set: vi.fn(async (tabId: number, request: OverrideRequest) => {
      client.sent.push(request);
      current = {
        ...request,
        tabId,
        slot: 0,
        since: 1,
        original: '8d4c1f52-3b6e-4d8f-9a1c-5e7b2d0f4a63',
      };
      tell();
      return { ok: true as const, override: current };
    }),
    clear: vi.fn(async () => {
      current = undefined;
      tell();
      return { ok: true as const };
    }),
  };
  return client;
}

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});

function mount(node: preact.ComponentChild) {
  container = document.createElement('div');
  document.body.append(container);
  render(node, container);
}

function byLabel(text: string): HTMLInputElement {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  const input = label && container.querySelector<HTMLInputElement>(`#${CSS.escape(label.htmlFor)}`);
  if (!input) throw new Error(`no field labelled ${text}`);
  return input;
}

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name}`);
  return found;
}

async function type(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

test('the dialog refuses a bad value with its reason by its field, applies a good one', async () => {
  const client = fakeClient();
  await act(() =>
    mount(
      <>
        <OverrideButton tabId={4} client={client} />
        <OverrideBanner tabId={4} client={client} />
      </>,
    ),
  );
  expect(container.querySelector('[role="status"]')?.textContent).toBe('');
  await act(() => button('Override datastream…').click());
  await type(byLabel('Datastream id'), 'not an id');
  await type(byLabel('Edge domain (optional)'), 'https://edge.example.com');
  await act(() => button('Apply').click());
  const alert = container.querySelector('[role="alert"]');
  expect(alert?.textContent).toMatch(/datastream id may only/);
  expect(alert?.textContent).toMatch(/edge domain must be a host/);
  expect(byLabel('Datastream id').getAttribute('aria-invalid')).toBe('true');
  const describedBy = byLabel('Datastream id').getAttribute('aria-describedby')!;
  expect(container.querySelector(`#${CSS.escape(describedBy)}`)?.textContent).toMatch(
    /datastream id may only/,
  );
  expect(client.set).not.toHaveBeenCalled();

  await type(byLabel('Datastream id'), ` ${DS} `);
  await type(byLabel('Edge domain (optional)'), '');
  await act(() => button('Apply').click());
  await act(async () => undefined);
  expect(client.sent).toEqual([{ datastreamId: DS }]);
  expect(container.querySelector('[role="alert"]')).toBeNull();
  expect(container.querySelector('[role="status"]')?.textContent).toBe(
    'Override on for this tab: datastream 8d4c1f52… → 0b1e2c3d… Turn off',
  );
  expect(button('Override on…').getAttribute('aria-haspopup')).toBe('dialog');

  // Turn off from the banner.
  await act(() => container.querySelector<HTMLButtonElement>('[role="status"] button')!.click());
  await act(async () => undefined);
  expect(client.clear).toHaveBeenCalledWith(4);
  expect(container.querySelector('[role="status"]')?.textContent).toBe('');
});

test('nothing to press where the browser cannot redirect, or in a view of all tabs', async () => {
  await act(() => mount(<OverrideButton tabId={4} client={fakeClient(false)} />));
  expect(container.querySelector('button')).toBeNull();
  render(null, container);
  await act(() => render(<OverrideButton tabId={undefined} client={fakeClient()} />, container));
  expect(container.querySelector('button')).toBeNull();
});
