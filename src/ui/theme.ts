/**
 * Theme selection. In DevTools the panel follows DevTools' own theme (`themeName` is `dark`, or
 * `default`/`light`); elsewhere no attribute is set and theme.css follows prefers-color-scheme.
 */
export function applyTheme(
  themeName: string | undefined,
  root: HTMLElement = document.documentElement,
): void {
  if (themeName === undefined) root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', themeName === 'dark' ? 'dark' : 'light');
}
