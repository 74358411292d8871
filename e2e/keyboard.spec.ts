/**
 * Triage by keyboard alone, in the real DevTools panel (e2e/devtools.ts): after DevTools shows the
 * panel, every step is a key press, never a click. The keys are the ones the viewer's Keys dialog
 * lists (src/ui/keymap.ts); README.md, "Keyboard", documents them.
 */
import { randomUUID } from 'node:crypto';
import type { Frame, Page } from 'puppeteer-core';
import {
  callRowTexts,
  dialogOpen,
  expect,
  focused,
  role,
  test,
  textOf,
  interact,
} from './devtools';

const detailUrl = (panel: Frame) => textOf(panel, '.detail-url');
const activeTab = (panel: Frame) =>
  textOf(panel, '.call-details [role="tab"][aria-selected="true"]');

test('triage without the mouse in the DevTools panel', async ({ inspector }) => {
  const prefix = `kb-${randomUUID().slice(0, 8)}`;
  const page = await inspector.openPage('/lab.html');
  for (const name of ['one', 'two', 'three'])
    expect(await interact(page, `${prefix}-${name}`)).toBe(200);
  const { devtools, panel } = await inspector.openPanel(page);
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(3);
  const press = (key: Parameters<Page['keyboard']['press']>[0]) => devtools.keyboard.press(key);

  // From DevTools' own panel area into the panel's frame: its first control.
  await press('Tab');
  await expect.poll(async () => (await focused(panel)).role).toBe('combobox');

  // ? lists the keys; Escape closes the dialog and the focus goes back where it was.
  await press('?');
  await expect.poll(() => dialogOpen(panel, 'Keyboard shortcuts')).toBe(true);
  expect(await textOf(panel, role('dialog', 'Keyboard shortcuts'))).toContain('Open the next call');
  await press('Escape');
  await expect.poll(() => dialogOpen(panel, 'Keyboard shortcuts')).toBe(false);
  expect((await focused(panel)).role).toBe('combobox');

  // / filters; Enter goes to the list, Enter again opens the call.
  await press('/');
  await expect.poll(() => focused(panel)).toEqual({ role: 'textbox', name: 'Filter' });
  await devtools.keyboard.type(`${prefix}-t`);
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(2);
  await press('Enter');
  await expect.poll(async () => (await focused(panel)).role).toBe('row');
  await press('Enter');
  await expect.poll(() => detailUrl(panel)).toContain(`requestId=${prefix}-two`);

  // Detail tabs by number and by ]; t goes into the JSON tree, p copies a path.
  await press('2');
  await expect.poll(() => activeTab(panel)).toBe('Response');
  await press(']');
  await expect.poll(() => activeTab(panel)).toBe('identityMap');
  await press('1');
  await expect.poll(() => activeTab(panel)).toBe('Request');
  await expect.poll(() => panel.$(role('tree', 'Request body')).then(Boolean)).toBe(true);
  await press('t');
  await expect.poll(async () => (await focused(panel)).role).toBe('treeitem');
  await press('ArrowDown');
  await press('ArrowDown');
  await press('p');
  await expect.poll(() => textOf(panel, '.json-copy-status')).toBe('Copied path events[0]');

  // j opens the next call; n adds a note to it, Enter saves.
  await press('j');
  await expect.poll(() => detailUrl(panel)).toContain(`requestId=${prefix}-three`);
  await press('n');
  await expect.poll(() => focused(panel)).toEqual({ role: 'textbox', name: 'Note' });
  await devtools.keyboard.type('checked by keyboard');
  await press('Enter');
  await expect.poll(() => textOf(panel, '.note-text')).toBe('Note: checked by keyboard');
  const beforeResend = await focused(panel);
  expect(beforeResend.role).not.toBe('none');

  // r opens the resend editor; Escape closes it and the focus comes back.
  await press('r');
  await expect.poll(() => dialogOpen(panel, 'Edit and resend')).toBe(true);
  await press('Escape');
  await expect.poll(() => dialogOpen(panel, 'Edit and resend')).toBe(false);
  await expect.poll(() => focused(panel)).toEqual(beforeResend);

  // h hides the call and opens the one before it (the last of the filtered list).
  await press('h');
  await expect.poll(async () => (await callRowTexts(panel)).length).toBe(1);
  await expect.poll(() => detailUrl(panel)).toContain(`requestId=${prefix}-two`);
  expect(await panel.$(role('checkbox', 'Show hidden (1)')).then(Boolean)).toBe(true);

  // l goes to the list, on the open call; Escape closes the details and stays there.
  await press('l');
  await expect.poll(async () => (await focused(panel)).role).toBe('row');
  await press('Escape');
  await expect.poll(() => panel.$(role('region', 'Call details')).then(Boolean)).toBe(false);
  expect((await focused(panel)).role).toBe('row');
});
