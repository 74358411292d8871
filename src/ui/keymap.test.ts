/** The README's Keyboard table is the keymap: every binding, in order, with its keys and words. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CONTEXT_TITLES, KEYMAP, keyLabels } from './keymap';

function readmeRows(): string[][] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('### Keyboard\n');
  expect(start, 'README.md has a Keyboard section').toBeGreaterThanOrEqual(0);
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

describe('README, Keyboard', () => {
  test('lists every key of the keymap, as the ? dialog does', () => {
    expect(readmeRows()).toEqual(
      KEYMAP.map((binding) => [
        CONTEXT_TITLES[binding.context],
        keyLabels(binding)
          .map((label) => `\`${label}\``)
          .join(' '),
        binding.does,
      ]),
    );
  });
});
