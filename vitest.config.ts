import { defineConfig } from 'vitest/config';

// Browser suites run one file at a time: the machine has two cores, and each file owns one browser.
const browserSuite = { fileParallelism: false, testTimeout: 60_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node',
        setupFiles: ['test/unit/english.ts'] } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], ...browserSuite } },
      { test: { name: 'docs', include: ['test/docs/**/*.test.ts'], ...browserSuite } },
      { test: { name: 'bench', include: ['test/bench/**/*.test.ts'], ...browserSuite, testTimeout: 1_200_000 } },
    ],
  },
});
