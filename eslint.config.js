// ESLint for the whole tree, and the architecture's boundaries as import rules (see README, "Layout").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Forbids value imports whose path matches `regex` in one part of the tree; type-only imports stay free. */
const forbid = (regex, message) =>
  ['error', { patterns: [{ regex, message, allowTypeImports: true }] }];

export default tseslint.config(
  { ignores: ['dist/', 'leak-check/dist/', 'artifacts/', '.cache/', '.tmp/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'webextension-polyfill', allowTypeImports: true,
        message: 'Take the extension API from this context\'s platform.ts.' }] }],
    },
  },
  { files: ['scripts/**', 'eslint.config.js', 'leak-check/src/**'], languageOptions: { globals: globals.node } },
  { files: ['test/pages/**', 'test/bench/*.js'], languageOptions: { globals: globals.browser } },
  {
    files: ['src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid('^(?!\\./)', 'src/ is pure: it imports only from src/.'),
    },
  },
  {
    files: ['background/**', 'popup/**', 'content/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid('^(\\.\\./)+(background|content|popup)/|^\\./page/',
        'background/, content/ (each world) and popup/ import from src/, never from each other.'),
    },
  },
  {
    files: ['content/page/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid('^(?!\\./|\\.\\./\\.\\./src/(page-world|messages|source-id)$)',
        'The shim (MAIN world) loads only its own folder, src/page-world, src/messages and src/source-id; the rest '
        + 'only as types.'),
    },
  },
  {
    // The test-suite leak check (leak-check/) runs the extension's src/ in the test runner, and its reader in the page
    // next to the shim, which reaches it only as built text (scripts/build-leak-check.mjs).
    files: ['leak-check/src/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid(
        '^(?!\\./|\\.\\./\\.\\./src/|\\.\\./\\.\\./_locales/|@playwright/|puppeteer-core$|trackstop:)',
        'leak-check/src imports its own folder, src/ and the runners only.'),
    },
  },
  {
    files: ['leak-check/page/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': forbid('^(?!\\.\\./\\.\\./src/page-world$)',
        'The reader runs in the page with the shim: it loads only src/page-world.'),
    },
  },
  {
    files: ['background/platform.ts', 'popup/platform.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
