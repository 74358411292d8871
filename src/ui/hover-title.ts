/**
 * Tooltips set while the pointer is on an element and removed when it leaves, for the virtualised
 * lists: their row elements show other rows as they scroll (row-slots.ts), so a title kept on one
 * would go stale. Spread the handlers on the list's scrolling body.
 */
export function hoverTitles(selector: string, titleOf: (element: HTMLElement) => string) {
  return {
    onPointerOver(event: PointerEvent): void {
      const element = (event.target as Element | null)?.closest<HTMLElement>(selector);
      if (element) element.title = titleOf(element);
    },
    onPointerOut(event: PointerEvent): void {
      (event.target as Element | null)?.closest(selector)?.removeAttribute('title');
    },
  };
}
