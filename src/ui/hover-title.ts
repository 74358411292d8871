/**
 * Tooltips set while the pointer is on an element and removed when it leaves, for the virtualised
 * lists: their row elements show other rows as they scroll (row-slots.ts), so a title kept on one
 * would go stale. Spread the handlers on the list's scrolling body.
 */
export function hoverTitles(selector: string, titleOf: (element: HTMLElement) => string) {
  return {
    onPointerOver(event: PointerEvent): void {
      const element = (event.target as Element | null)?.closest<HTMLElement>(selector);
      if (!element) return;
      // A title whose pointerout never came goes now: the browser sends none to an element that
      // was taken out from under the pointer (a row moved or re-used while it was hovered).
      const list = event.currentTarget as Element | null;
      for (const other of list?.querySelectorAll<HTMLElement>('[title]') ?? [])
        if (other !== element && other.matches(selector)) other.removeAttribute('title');
      element.title = titleOf(element);
    },
    onPointerOut(event: PointerEvent): void {
      (event.target as Element | null)?.closest(selector)?.removeAttribute('title');
    },
  };
}
