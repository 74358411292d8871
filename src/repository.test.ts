/**
 * The repository stands on its own: what the code relies on is in its own docs/, cited from
 * there, and docs/architecture.md's walk of a response body names files that exist. And each
 * helper that capture, the store and the viewer share has one home.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SEARCHED = ['src', 'devtools', 'popup', 'e2e', 'bench', 'scripts', 'eslint', 'docs', '.ci'];
const TEXT = /\.(ts|tsx|mjs|js|json|md|html|css)$|\/run$/;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'screenshots' ? [] : files(path);
    return TEXT.test(path) ? [path] : [];
  });
}

const sources = [
  ...SEARCHED.flatMap((dir) => files(join(repo, dir))),
  ...['README.md', 'SECURITY.md', 'BENCHMARKS.md', 'eslint.config.js', 'vite.config.ts'].map(
    (name) => join(repo, name),
  ),
].filter((path) => existsSync(path) && !path.endsWith('repository.test.ts'));

/** `3` is the chapter `## 3.`; `3.4` a heading `### 3.4` or the item `4.` of chapter 3's list. */
function hasSection(doc: string, number: string): boolean {
  const [chapter, item] = number.split('.');
  const start = doc.search(new RegExp(`^## ${chapter}\\. `, 'm'));
  if (start < 0) return false;
  if (item === undefined) return true;
  const next = doc.slice(start + 3).search(/^## /m);
  const body = next < 0 ? doc.slice(start) : doc.slice(start, start + 3 + next);
  return new RegExp(`^(### ${chapter}\\.${item} |${item}\\. )`, 'm').test(body);
}

describe('the repository stands on its own', () => {
  it('cites no document outside the repository', () => {
    const outside = sources.filter((path) =>
      /(\.\.\/)+shared\/(docs|peers)|\/work\/shared|\.\.\/shared\/?[`"' )]/.test(
        readFileSync(path, 'utf8'),
      ),
    );
    expect(outside.map((path) => relative(repo, path))).toEqual([]);
  });

  it('every docs/*.md § citation names a document and a section that exist', () => {
    const broken: string[] = [];
    for (const path of sources) {
      const text = readFileSync(path, 'utf8');
      for (const match of text.matchAll(/docs\/([a-z-]+\.md)((?:[ ,]*§[\d.]+)*)/g)) {
        const doc = join(repo, 'docs', match[1] ?? '');
        if (!existsSync(doc)) {
          broken.push(`${relative(repo, path)}: ${match[0]}`);
          continue;
        }
        const docText = readFileSync(doc, 'utf8');
        for (const [, section] of (match[2] ?? '').matchAll(/§([\d.]+)/g)) {
          if (!hasSection(docText, (section ?? '').replace(/\.$/, '')))
            broken.push(`${relative(repo, path)}: ${match[0]}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("architecture.md's walk of a response body lists fewer than 21 files, all of which exist", () => {
    const doc = readFileSync(join(repo, 'docs/architecture.md'), 'utf8');
    const walk = doc.slice(doc.indexOf('## One response body'), doc.indexOf('**20 files.**'));
    const listed = [...walk.matchAll(/^\|\s*\d+\s*\|\s*`([^`]+)`/gm)].map((m) => m[1] ?? '');
    expect(listed.length).toBeGreaterThan(10);
    expect(listed.length).toBeLessThan(21);
    expect(doc).toContain(`**${listed.length} files.**`);
    expect(listed.filter((file) => !existsSync(join(repo, file)))).toEqual([]);
  });
});

describe('one home for each shared helper', () => {
  const code = sources.filter(
    (path) =>
      /\/(src|devtools|popup)\//.test(path) && /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path),
  );
  it.each([
    ['the observation guard', /export function toObservation\b/, 'src/session/observation.ts'],
    ['the header list reader', /function headersOf\b/, 'src/session/observation.ts'],
    ['the body cap', /\b[A-Z_]*BODY_CAP\s*=|\bMAX_TEXT\s*=/, 'src/session/bodies.ts'],
    ['the surrogate test', /function isHighSurrogate\b/, 'src/session/bodies.ts'],
    ['the scope test', /function inScope\b/, 'src/shared/protocol.ts'],
    ['the record guard', /function isRecord\b/, 'src/edge/read.ts'],
    ['the join key', /function joinKeyOf\b/, 'src/session/join-index.ts'],
  ])('%s is defined once, in its home', (_name, definition, home) => {
    const homes = code.filter((path) => definition.test(readFileSync(path, 'utf8')));
    expect(homes.map((path) => relative(repo, path))).toEqual([home]);
  });
});
