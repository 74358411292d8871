// Lint: typescript-eslint's recommended rules plus the layout's import rules (docs/architecture.md):
// layers point one way (edge ← session ← shared ← capture, background, ui ← entry pages), the pure
// layers never touch the browser or the UI library, page-world capture code never touches the
// extension API, test libraries stay in test files, and no file is in an import cycle.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint/no-import-cycle.js';

const browserApis = [
  {
    name: 'webextension-polyfill',
    message: 'Pure and page-world modules must not touch browser APIs.',
  },
];
const uiLibs = [
  { name: 'preact', message: 'Pure modules must not import the UI library.' },
  { name: 'preact/hooks', message: 'Pure modules must not import the UI library.' },
  { name: '@preact/signals', message: 'Pure modules must not import the UI library.' },
];
const testLibs = [
  { name: 'vitest', message: 'Test libraries belong in test files (*.test.ts, test-*.ts).' },
  { name: 'fast-check', message: 'Test libraries belong in test files (*.test.ts, test-*.ts).' },
  {
    name: 'fake-indexeddb',
    message: 'Test libraries belong in test files (*.test.ts, test-*.ts).',
  },
  {
    name: 'fake-indexeddb/auto',
    message: 'Test libraries belong in test files (*.test.ts, test-*.ts).',
  },
];
/** Files that may use the test libraries. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/test-*.ts', '**/*.harness.ts'];

/** An import of a layer that `from` must not reach. */
function layer(from, folders) {
  return {
    group: folders.map((folder) => `**/${folder}/**`),
    message: `${from} must not import ${folders.join(', ')}: layers point one way (docs/architecture.md).`,
  };
}

/** One no-restricted-imports rule per file group (flat config would replace, not merge, them). */
function restrict({ files, ignores, paths = [], patterns = [], tests = true }) {
  return {
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [...paths, ...(tests ? testLibs : [])], patterns },
      ],
    },
  };
}

const pure = [...browserApis, ...uiLibs];
const LAYERS = [
  {
    files: ['src/edge/**'],
    paths: pure,
    patterns: [
      layer('src/edge', ['validate', 'session', 'shared', 'capture', 'background', 'ui', 'cli']),
    ],
  },
  {
    files: ['src/validate/**'],
    paths: pure,
    patterns: [layer('src/validate', ['session', 'shared', 'capture', 'background', 'ui', 'cli'])],
  },
  {
    files: ['src/session/**'],
    paths: pure,
    patterns: [layer('src/session', ['shared', 'capture', 'background', 'ui', 'cli'])],
  },
  {
    files: ['src/shared/**'],
    paths: pure,
    patterns: [layer('src/shared', ['capture', 'background', 'ui', 'cli'])],
  },
  { files: ['src/capture/**'], patterns: [layer('src/capture', ['background', 'ui', 'cli'])] },
  { files: ['src/background/**'], patterns: [layer('src/background', ['ui', 'cli'])] },
  { files: ['src/ui/**'], patterns: [layer('src/ui', ['background', 'capture', 'cli'])] },
  { files: ['src/cli/**'], patterns: [layer('src/cli', ['background', 'capture', 'ui'])] },
  {
    files: ['devtools/**'],
    patterns: [
      layer('devtools/', ['background', 'edge', 'session', 'validate', 'cli']),
      {
        group: ['**/capture/*', '!**/capture/devtools-network'],
        message: 'The panel registers the DevTools source only (capture/devtools-network).',
      },
    ],
  },
  {
    files: ['popup/**'],
    patterns: [layer('popup/', ['background', 'capture', 'edge', 'session', 'validate', 'cli'])],
  },
  {
    files: ['sidepanel/**'],
    patterns: [
      layer('sidepanel/', ['background', 'capture', 'edge', 'session', 'validate', 'cli']),
    ],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      // Local, gitignored notes and one-off scripts.
      '.scratch/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      // The command line's bundle, built from src/cli by npm run build.
      'bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Never build markup from strings.',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Captured data is text.',
        },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
      ],
    },
  },
  {
    files: ['src/edge/**', 'src/session/**', 'src/shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Pure modules must not touch browser APIs.' },
      ],
    },
  },
  {
    // The MAIN-world hook and what it bundles run in the page: there is no extension API there.
    files: [
      'src/capture/page-hook.ts',
      'src/capture/page-post.ts',
      'src/capture/page-alloy.ts',
      'src/capture/page-bodies.ts',
      'src/capture/page-sdk.ts',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Page-world code has no extension API.' },
        { name: 'browser', message: 'Page-world code has no extension API.' },
      ],
    },
  },
  {
    // Redirect rules change a page's traffic: only the worker adds or removes them (override.ts).
    files: ['src/**', 'devtools/**', 'popup/**', 'sidepanel/**'],
    ignores: ['src/background/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          property: 'declarativeNetRequest',
          message: 'Only src/background touches declarativeNetRequest.',
        },
      ],
    },
  },
  ...LAYERS.map((rules) => restrict({ ...rules, ignores: TEST_FILES })),
  ...LAYERS.map((rules) =>
    restrict({
      ...rules,
      files: rules.files.flatMap((f) => TEST_FILES.map((t) => f.replace('/**', '') + '/' + t)),
      tests: false,
    }),
  ),
  {
    files: [
      'src/**/*.ts',
      'src/**/*.tsx',
      'devtools/**/*.ts',
      'devtools/**/*.tsx',
      'popup/**/*.ts',
      'popup/**/*.tsx',
      'sidepanel/**/*.ts',
      'sidepanel/**/*.tsx',
    ],
    plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'local/no-import-cycle': 'error' },
  },
);
