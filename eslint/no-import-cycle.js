// A local ESLint rule: no file may take part in an import cycle, type-only imports included.
// eslint-plugin-import-x's `no-cycle` skips `import type`, and type-only cycles are still
// layers pointing both ways, so this rule reads every import with TypeScript's own pre-processor
// (no type checking, no code run) and reports the files of each strongly connected component.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'devtools', 'popup'];
const EXTENSIONS = ['.ts', '.tsx'];

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return EXTENSIONS.some((ext) => name.endsWith(ext)) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((ext) => base + ext),
    ...EXTENSIONS.map((ext) => join(base, `index${ext}`)),
  ];
  return candidates.find(
    (path) => EXTENSIONS.some((ext) => path.endsWith(ext)) && existsSync(path),
  );
}

/** Tarjan's strongly connected components; returns file → its cycle (files, in order found). */
function cyclesOf(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const inCycle = new Map();
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = (graph.get(node) ?? []).includes(node);
    if (component.length > 1 || selfImport)
      for (const file of component) inCycle.set(file, component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return inCycle;
}

let cached;
function cycles(cwd) {
  if (cached?.cwd === cwd) return cached.cycles;
  const graph = new Map();
  for (const file of ROOTS.flatMap((root) => sourceFiles(resolve(cwd, root)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map(({ fileName }) => resolveImport(file, fileName))
      .filter((target) => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  cached = { cwd, cycles: cyclesOf(graph) };
  return cached.cycles;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, type-only imports included.' },
    schema: [],
    messages: { cycle: 'This file is in an import cycle: {{files}}.' },
  },
  create(context) {
    const cwd = context.cwd;
    const component = cycles(cwd).get(resolve(cwd, context.filename));
    if (!component) return {};
    return {
      Program(node) {
        const files = component.map((file) => relative(cwd, file)).join(' → ');
        context.report({ node, messageId: 'cycle', data: { files } });
      },
    };
  },
};
