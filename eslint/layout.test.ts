/**
 * The lint rules that hold the layout (docs/architecture.md) do fail: each case lints a small
 * file as if it lived at a path in this repository, with the repository's own config.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = join(repo, 'eslint.config.js');

async function messagesFor(filePath: string, code: string, cwd = repo): Promise<string[]> {
  const eslint = new ESLint({ cwd, overrideConfigFile: config });
  const [result] = await eslint.lintText(code, { filePath: join(cwd, filePath) });
  // Only the layout's rules: the snippets leave their imports unused on purpose.
  return (result?.messages ?? [])
    .filter((m) => m.ruleId !== '@typescript-eslint/no-unused-vars')
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layers point one way', () => {
  it.each([
    ['src/edge/x.ts', "import type { CapturedCall } from '../session/call';"],
    ['src/session/x.ts', "import type { Scope } from '../shared/protocol';"],
    ['src/session/x.test.ts', "import type { Scope } from '../shared/protocol';"],
    ['src/shared/x.ts', "import { listenWebRequest } from '../capture/webrequest';"],
    ['src/capture/x.ts', "import { Store } from '../background/store';"],
    ['src/ui/x.ts', "import { listenWebRequest } from '../capture/webrequest';"],
    ['src/ui/x.ts', "import { Store } from '../background/store';"],
    ['src/background/x.ts', "import { Viewer } from '../ui/Viewer';"],
    ['popup/x.tsx', "import { matchEdgeUrl } from '../src/edge/endpoint';"],
    ['sidepanel/x.tsx', "import { Store } from '../src/background/store';"],
    ['devtools/x.tsx', "import { listenWebRequest } from '../src/capture/webrequest';"],
  ])('%s: %s is refused', async (file, code) => {
    expect((await messagesFor(file, `${code}\nexport {};\n`)).join('\n')).toMatch(
      /no-restricted-imports/,
    );
  });

  it.each([
    ['src/session/x.ts', "import { matchEdgeUrl } from '../edge/endpoint';"],
    ['src/shared/x.ts', "import type { CapturedCall } from '../session/call';"],
    ['src/background/x.ts', "import { listenWebRequest } from '../capture/webrequest';"],
    ['devtools/x.tsx', "import { startDevtoolsSource } from '../src/capture/devtools-network';"],
    ['src/session/x.test.ts', "import { expect } from 'vitest';"],
    ['src/background/x.ts', 'chrome.declarativeNetRequest.getSessionRules();'],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await messagesFor(file, `${code}\nexport {};\n`)).toEqual([]);
  });

  it.each([
    ['src/session/x.ts', "import { expect } from 'vitest';", /Test libraries belong/],
    ['src/edge/x.ts', "import { h } from 'preact';", /UI library/],
    ['src/capture/page-hook.ts', 'chrome.runtime.id;', /no extension API/],
    ['src/capture/page-bodies.ts', 'browser.runtime.id;', /no extension API/],
    ['src/ui/x.ts', 'chrome.declarativeNetRequest.getSessionRules();', /Only src\/background/],
    ['popup/x.ts', 'browser.declarativeNetRequest.updateSessionRules({});', /Only src\/background/],
  ])('%s: %s is refused', async (file, code, reason) => {
    expect((await messagesFor(file, `${code}\nexport {};\n`)).join('\n')).toMatch(reason);
  });
});

describe('no import cycles, type-only ones included', () => {
  it('reports both files of a type-only cycle, and nothing without one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cycle-'));
    mkdirSync(join(cwd, 'src/edge'), { recursive: true });
    const a = "import type { B } from './b';\nexport type A = { b?: B };\n";
    const b = "import type { A } from './a';\nexport type B = { a?: A };\n";
    const c = "import type { A } from './a';\nexport type C = A;\n";
    writeFileSync(join(cwd, 'src/edge/a.ts'), a);
    writeFileSync(join(cwd, 'src/edge/b.ts'), b);
    writeFileSync(join(cwd, 'src/edge/c.ts'), c);
    expect((await messagesFor('src/edge/a.ts', a, cwd)).join('\n')).toMatch(
      /local\/no-import-cycle: .*src\/edge\/a\.ts.*src\/edge\/b\.ts|local\/no-import-cycle: .*src\/edge\/b\.ts.*src\/edge\/a\.ts/,
    );
    expect(await messagesFor('src/edge/c.ts', c, cwd)).toEqual([]);
  });
});
