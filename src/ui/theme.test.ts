// @vitest-environment happy-dom
import { expect, test } from 'vitest';
import { applyTheme } from './theme';

test.each<[string | undefined, string | null]>([
  ['dark', 'dark'],
  ['default', 'light'],
  ['light', 'light'],
  [undefined, null],
])('DevTools theme %s → data-theme %s', (themeName, want) => {
  const root = document.createElement('html');
  root.setAttribute('data-theme', 'dark');
  applyTheme(themeName, root);
  expect(root.getAttribute('data-theme')).toBe(want);
});
