import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'eslint/**/*.test.ts'],
    environment: 'node',
    // A harness limit, not a timing check: ESLint's first run and the property tests take a few
    // seconds on a loaded 2-core machine, past vitest's 5 s default.
    testTimeout: 30_000,
  },
});
