/** The keymap's `dialog` keys (keymap.ts), shared by every modal dialog of the viewer. */
import { keyAction } from './keymap';

/**
 * The `dialog` keys, for every modal dialog of the viewer. A dialog's Escape is the browser's own,
 * except inside DevTools: there the script DevTools injects into extension pages forwards Escape
 * from the document to DevTools, which opens its console drawer and takes the focus, and the
 * dialog stays open (docs/browser-testing.md, "Keys in the DevTools panel"). So the viewer closes
 * the dialog itself and keeps the key from reaching the document.
 */
export function onDialogKeyDown(event: KeyboardEvent): void {
  const dialog = event.currentTarget;
  if (!(dialog instanceof HTMLDialogElement)) return;
  if (keyAction('dialog', event)?.action !== 'close') return;
  event.preventDefault();
  event.stopPropagation();
  dialog.close();
}
