// ESLint for TypeScript (typescript-eslint) and Svelte 5 (eslint-plugin-svelte). Errors are kept for
// real defects; layout is Prettier's job (npm run format), so no stylistic rule is on here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'artifacts/', 'data/uploads/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
  },
  {
    rules: {
      // `_name` marks an argument kept for its position
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // the app has no base path: a plain href or goto('/aging?...') is the route itself
      'svelte/no-navigation-without-resolve': 'off',
      // file names and CSV fields are cleaned of control characters on purpose
      'no-control-regex': 'off',
      // style, not defects: `a(), b()` sequences in tight loops, a `let` assigned once later
      '@typescript-eslint/no-unused-expressions': ['warn', { allowShortCircuit: true, allowTernary: true }],
      'prefer-const': 'warn',
      // `let size = 0` before a try that sets it: an initial value never read is not a defect
      'no-useless-assignment': 'warn'
    }
  },
  {
    // tests read JSON answers whose shape the assertion itself checks
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' }
  },
  {
    // pages are being reworked in parallel: an unused variable there warns until its page is next touched
    files: ['web/routes/**/*.svelte'],
    rules: { '@typescript-eslint/no-unused-vars': 'warn' }
  },
  {
    // Svelte 5 declares props with `let { data } = $props()`
    files: ['**/*.svelte'],
    rules: { 'prefer-const': 'off' }
  }
);
