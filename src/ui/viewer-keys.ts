/**
 * The viewer's own keys (keymap.ts, context `viewer`): triage without the mouse. They work from
 * anywhere in the viewer except while typing in a field or with a dialog open; the list, the tabs
 * and the JSON trees handle their own keys first (their contexts in keymap.ts).
 */
import { useEffect } from 'preact/hooks';
import { keyAction } from './keymap';
import { openKeysHelp } from './KeysHelp';
import { openResend } from './resend/ResendActions';
import { DETAIL_TABS, VIEWER_PANES, type ViewerModel } from './viewer-model';

/**
 * A text field or an editor: keys there are typing, not commands. In a select, letters and digits
 * pick an option; its other keys (`?`, `/`, `[`) are the viewer's.
 */
function isTyping(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('textarea, [contenteditable]:not([contenteditable="false"])')) return true;
  if (target instanceof HTMLSelectElement) return /^[\p{L}\p{N}]$/u.test(key);
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
}

/** The call after `id` in the list, else the one before it (what to open once `id` is hidden). */
function neighbour(model: ViewerModel, id: string): string | undefined {
  const calls = model.rows.peek().filter((row) => row.kind === 'call');
  const at = calls.findIndex((row) => row.key === id);
  if (at < 0) return undefined;
  return (calls[at + 1] ?? calls[at - 1])?.key;
}

/** Runs the viewer key of `event`, if it is one; true when it did something. */
export function runViewerKey(event: KeyboardEvent, model: ViewerModel, doc: Document): boolean {
  if (event.defaultPrevented || isTyping(event.target, event.key)) return false;
  if (doc.querySelector('dialog[open]')) return false;
  const match = keyAction('viewer', event);
  if (!match) return false;
  const state = model.detail.peek();
  const loaded = state?.state === 'loaded' ? state.detail : undefined;
  const fromList =
    event.target instanceof Element && event.target.closest('[role="grid"]') !== null;
  const tabAt = DETAIL_TABS.indexOf(model.detailTab.peek());
  const showTab = (index: number) => {
    const tab = DETAIL_TABS[(index + DETAIL_TABS.length) % DETAIL_TABS.length];
    if (state && tab) model.setDetailTab(tab);
    return state !== undefined;
  };
  switch (match.action) {
    case 'help':
      openKeysHelp();
      return true;
    case 'filter': {
      const filter = doc.querySelector<HTMLInputElement>('input[aria-label="Filter"]');
      filter?.focus();
      filter?.select();
      return filter !== null;
    }
    case 'next-call':
    case 'previous-call': {
      const moved = model.moveSelection(match.action === 'next-call' ? 1 : -1);
      model.revealInList(fromList);
      return moved !== undefined;
    }
    case 'focus-list':
      model.setPane('Calls');
      model.revealInList(true);
      return true;
    case 'toggle-pane':
      model.setPane(
        VIEWER_PANES[(VIEWER_PANES.indexOf(model.pane.peek()) + 1) % VIEWER_PANES.length] ??
          'Calls',
      );
      return true;
    case 'tab':
      return showTab(match.index);
    case 'previous-tab':
      return showTab(tabAt - 1);
    case 'next-tab':
      return showTab(tabAt + 1);
    case 'focus-tree': {
      const tree = doc.querySelector('.call-details [role="tabpanel"] [role="tree"]');
      const item = tree?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]');
      item?.focus();
      return item !== undefined && item !== null;
    }
    case 'resend':
      if (loaded) openResend(loaded);
      return loaded !== undefined;
    case 'hide': {
      if (!loaded) return false;
      const { call } = loaded;
      const hiding = !call.hidden;
      const next = hiding && !model.showHidden.peek() ? neighbour(model, call.id) : undefined;
      model.setHidden(call.id, hiding);
      if (next !== undefined) {
        model.select(next);
        model.revealInList(fromList);
      }
      return true;
    }
    case 'note':
      if (loaded) model.editNote(loaded.call.id);
      return loaded !== undefined;
    case 'close': {
      const id = model.selectedId.peek();
      if (id === undefined) return false;
      model.select(undefined);
      model.revealInList(true, id);
      return true;
    }
    default:
      return false;
  }
}

/**
 * Listens while the viewer is shown, on the body rather than the document: a key the viewer used
 * stops there, before the document, where DevTools' script forwards Escape to DevTools
 * (dialog-keys.ts).
 */
export function useViewerKeys(model: ViewerModel): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!runViewerKey(event, model, document)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    const body = document.body;
    body.addEventListener('keydown', onKeyDown);
    return () => body.removeEventListener('keydown', onKeyDown);
  }, [model]);
}
