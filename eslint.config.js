// Lint: typescript-eslint's recommended rules plus the architecture's import rules
// (../shared/docs/architecture.md): the pure layers never touch the browser or the UI library.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const browserApis = [
  { name: 'webextension-polyfill', message: 'Pure modules must not touch browser APIs.' },
];
const uiLibs = [
  { name: 'preact', message: 'Pure modules must not import the UI library.' },
  { name: 'preact/hooks', message: 'Pure modules must not import the UI library.' },
  { name: '@preact/signals', message: 'Pure modules must not import the UI library.' },
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
      'no-restricted-imports': ['error', { paths: [...browserApis, ...uiLibs] }],
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Pure modules must not touch browser APIs.' },
      ],
    },
  },
  {
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/background/**'], message: 'The UI never imports the worker.' }],
        },
      ],
    },
  },
  {
    files: ['devtools/**', 'popup/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/background/**', '**/content/**', '**/edge/**', '**/session/**'],
              message: 'Entry points import src/ui and src/shared only.',
            },
          ],
        },
      ],
    },
  },
);
