import { defineConfig } from 'vitest/config';

// Browser suites run one file at a time: the machine has two cores, and each file owns one browser.
const browserSuite = { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  test: {
    projects: [
      // Type tests (*.test-d.ts) run through tsc with the unit tests, so `npm test` fails on a broken type assertion.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node',
        setupFiles: ['test/unit/english.ts'],
        typecheck: { enabled: true, include: ['test/unit/**/*.test-d.ts'], tsconfig: './tsconfig.json' } } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...browserSuite } },
      { test: { name: 'docs', include: ['test/docs/**/*.test.ts'], ...browserSuite } },
      { test: { name: 'bench', include: ['test/bench/**/*.test.ts'], ...browserSuite, testTimeout: 1_200_000 } },
    ],
  },
});
