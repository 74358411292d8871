/**
 * Every key of the viewer, in one table: the handlers (the viewer, the call list, the detail tabs,
 * the JSON trees) look their keys up here, and the Keyboard shortcuts dialog (`?`) lists this
 * table, so what the dialog says is what the keys do. Pure: no DOM, no Preact.
 */

/** Where a key works. `viewer`: anywhere in the viewer but a text field or an open dialog. */
export type KeyContext = 'viewer' | 'list' | 'tabs' | 'tree' | 'filter' | 'note' | 'dialog';

export interface Binding {
  context: KeyContext;
  action: string;
  /**
   * `KeyboardEvent.key` values, matched exactly (so `j`, not `J`), with no Ctrl, Alt or Meta
   * unless written `Ctrl+c` (Ctrl or, on a Mac, Cmd). Shift is part of the key (`?`).
   */
  keys: readonly string[];
  /** What the dialog says the keys do. */
  does: string;
  /** Done by the browser itself (a modal dialog's Escape): listed, not handled here. */
  native?: boolean;
}

export const CONTEXT_TITLES: Record<KeyContext, string> = {
  viewer: 'Anywhere in the viewer (not while typing)',
  list: 'In the call list',
  tabs: 'On the detail tabs',
  tree: 'In a JSON tree',
  filter: 'In the filter',
  note: 'In the note',
  dialog: 'In a dialog',
};

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export const KEYMAP: readonly Binding[] = [
  { context: 'viewer', action: 'help', keys: ['?'], does: 'Show the keyboard shortcuts' },
  { context: 'viewer', action: 'filter', keys: ['/'], does: 'Go to the filter' },
  { context: 'viewer', action: 'next-call', keys: ['j'], does: 'Open the next call' },
  { context: 'viewer', action: 'previous-call', keys: ['k'], does: 'Open the previous call' },
  {
    context: 'viewer',
    action: 'focus-list',
    keys: ['l'],
    does: 'Go to the list, on the open call',
  },
  {
    context: 'viewer',
    action: 'toggle-pane',
    keys: ['v'],
    does: 'Show the next view: the call list, the Visit view, the SDK view',
  },
  {
    context: 'viewer',
    action: 'tab',
    keys: DIGITS,
    does: 'Show detail tab 1 to 9 (Request, Response, identityMap, XDM, Validation, Headers, Raw, Timing, Sources)',
  },
  { context: 'viewer', action: 'previous-tab', keys: ['['], does: 'Show the previous detail tab' },
  { context: 'viewer', action: 'next-tab', keys: [']'], does: 'Show the next detail tab' },
  {
    context: 'viewer',
    action: 'focus-tree',
    keys: ['t'],
    does: 'Go to the JSON tree of the tab shown',
  },
  { context: 'viewer', action: 'resend', keys: ['r'], does: 'Edit and resend the open call' },
  {
    context: 'viewer',
    action: 'hide',
    keys: ['h'],
    does: 'Hide the open call (or show it again) and open the next one',
  },
  {
    context: 'viewer',
    action: 'note',
    keys: ['n'],
    does: "Add or edit the open call's note",
  },
  { context: 'viewer', action: 'close', keys: ['Escape'], does: "Close the call's details" },

  { context: 'list', action: 'down', keys: ['ArrowDown'], does: 'Next call' },
  { context: 'list', action: 'up', keys: ['ArrowUp'], does: 'Previous call' },
  { context: 'list', action: 'page-down', keys: ['PageDown'], does: '10 calls down' },
  { context: 'list', action: 'page-up', keys: ['PageUp'], does: '10 calls up' },
  { context: 'list', action: 'first', keys: ['Home'], does: 'First call' },
  { context: 'list', action: 'last', keys: ['End'], does: 'Last call' },
  { context: 'list', action: 'open', keys: ['Enter', ' '], does: 'Open the call' },
  {
    context: 'list',
    action: 'expand',
    keys: ['ArrowRight'],
    does: 'Show the events of a batch (a call with several events)',
  },
  { context: 'list', action: 'collapse', keys: ['ArrowLeft'], does: "Hide a batch's events" },
  { context: 'list', action: 'close', keys: ['Escape'], does: "Close the call's details" },

  { context: 'tabs', action: 'next', keys: ['ArrowRight'], does: 'Next tab' },
  { context: 'tabs', action: 'previous', keys: ['ArrowLeft'], does: 'Previous tab' },
  { context: 'tabs', action: 'first', keys: ['Home'], does: 'First tab' },
  { context: 'tabs', action: 'last', keys: ['End'], does: 'Last tab' },

  { context: 'tree', action: 'down', keys: ['ArrowDown'], does: 'Next item' },
  { context: 'tree', action: 'up', keys: ['ArrowUp'], does: 'Previous item' },
  {
    context: 'tree',
    action: 'expand',
    keys: ['ArrowRight'],
    does: 'Open the item, or go to its first child',
  },
  {
    context: 'tree',
    action: 'collapse',
    keys: ['ArrowLeft'],
    does: 'Close the item, or go to its parent',
  },
  { context: 'tree', action: 'first', keys: ['Home'], does: 'First item' },
  { context: 'tree', action: 'last', keys: ['End'], does: 'Last item' },
  {
    context: 'tree',
    action: 'activate',
    keys: ['Enter', ' '],
    does: 'Open or close the item (or show more)',
  },
  { context: 'tree', action: 'expand-siblings', keys: ['*'], does: "Open the item's siblings" },
  {
    context: 'tree',
    action: 'copy-path',
    keys: ['p'],
    does: 'Copy the JSON path of the item (events[0].xdm…)',
  },
  {
    context: 'tree',
    action: 'copy-value',
    keys: ['c', 'Ctrl+c'],
    does: 'Copy the value of the item',
  },

  {
    context: 'filter',
    action: 'to-list',
    keys: ['Enter', 'Escape'],
    does: 'Go back to the list (the filter stays)',
  },

  { context: 'note', action: 'save', keys: ['Enter'], does: 'Save the note', native: true },
  { context: 'note', action: 'cancel', keys: ['Escape'], does: 'Leave the note unchanged' },

  {
    context: 'dialog',
    action: 'close',
    keys: ['Escape'],
    does: 'Close the dialog; the focus goes back where it was',
  },
  {
    context: 'dialog',
    action: 'move',
    keys: ['Tab', 'Shift+Tab'],
    does: 'Move between its controls',
    native: true,
  },
];

/** The part of a KeyboardEvent the lookup reads. */
export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

function matches(written: string, press: KeyPress): boolean {
  const withCtrl = written.startsWith('Ctrl+');
  const ctrl = press.ctrlKey === true || press.metaKey === true;
  if (press.altKey || ctrl !== withCtrl) return false;
  const key = withCtrl ? written.slice('Ctrl+'.length) : written;
  // With Ctrl, Shift may change the letter's case (Ctrl+Shift+C is still a C).
  return withCtrl ? press.key.toLowerCase() === key : press.key === key;
}

export interface KeyMatch {
  action: string;
  /** Which of the binding's keys: `2` for the digit `3` of the `tab` binding. */
  index: number;
}

/** The action a key press takes in `context`, if any (native bindings excluded). */
export function keyAction(context: KeyContext, press: KeyPress): KeyMatch | undefined {
  for (const binding of KEYMAP) {
    if (binding.context !== context || binding.native) continue;
    const index = binding.keys.findIndex((written) => matches(written, press));
    if (index >= 0) return { action: binding.action, index };
  }
  return undefined;
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  ' ': 'Space',
  PageDown: 'Page Down',
  PageUp: 'Page Up',
};

/** A key as the dialog shows it: `↓`, `Esc`, `Space`, `Ctrl+C`; the digits as one range. */
export function keyLabels(binding: Binding): string[] {
  if (binding.keys === DIGITS) return ['1 … 9'];
  return binding.keys.map((key) => {
    if (key.startsWith('Ctrl+')) return `Ctrl+${key.slice(5).toUpperCase()}`;
    return KEY_NAMES[key] ?? key;
  });
}
