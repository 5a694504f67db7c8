import js from '@eslint/js';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Renderer folders whose UI text is not yet all translation keys (issue 14 #2). Shrink this list as
 * folders are converted: everything else fails lint on a literal shown to the user.
 */
/** Files whose strings are not keys yet: empty, and a new entry needs a reason. */
const NOT_YET_TRANSLATED = [];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // A leading underscore marks a value left out on purpose (rest destructuring, unused args).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.mjs',
      '*.config.ts',
      '*.config.js',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    // User scripts' examples run in the QuickJS sandbox: their globals are the script API
    // (electron/engine/scripts/guest/api.d.ts), not Node's.
    files: ['electron/engine/scripts/guest/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          ...['transform', 'on', 'publish', 'subscribe', 'every', 'after', 'cancel', 'random', 'now'],
          ...['log', 'warn', 'error', 'console', 'toBase64', 'fromBase64', 'state', 'env'],
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // Playwright reads a fixture's dependencies from its destructuring pattern, empty or not.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters under the React Compiler, which this project does not use.
      'react-hooks/incompatible-library': 'off',
      // The renderer may reach into electron/ only for the contract (names, schemas, types).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+electron/(?!contract(/|$))',
              message: 'src/ may import only electron/contract from electron/ (layers: see ARCHITECTURE.md).',
            },
            { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
          paths: [{ name: 'electron', message: 'The renderer runs in a sandboxed page: no Electron.' }],
        },
      ],
    },
  },
  {
    // Engine and contract are plain Node: they must run in the web host and in tests too.
    files: [
      'electron/engine/**/*.ts',
      'electron/contract/**/*.ts',
      'electron/host/**/*.ts',
      'electron/web/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may import Electron.' },
          ],
        },
      ],
    },
  },
  {
    // Text in JSX, and the attributes people read, come from t('key'): see src/i18n/.
    files: ['src/**/*.tsx'],
    ignores: NOT_YET_TRANSLATED,
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-text-only',
          words: {
            exclude: [
              '[0-9!-/:-@[-`{-~\\s·…—→←✂▾▸×•✕✓✗]+',
              '[A-Z_-]+',
              'MQScope',
              'QoS',
              'WebSocket',
              '(mqtt|ws)://',
            ],
          },
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'JSXAttribute[name.name=/^(title|aria-label|aria-description|placeholder|alt|label|noun)$/] > Literal[value=/[A-Za-z]/]',
          message: "Text people read comes from t('key') (src/i18n/locales).",
        },
      ],
    },
  },
);
