// Lint keeps the layers apart (see ../shared/docs/architecture.md):
// shared/ is pure TypeScript, renderer/ never reaches into electron/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'stream', 'http', 'https', 'net', 'zlib', 'url', 'util', 'events', 'buffer', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', '.electron-native/**', 'bin/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'shared/ must not import electron' },
          { group: nodeBuiltins, message: 'shared/ must not import Node built-ins' },
          { group: ['react', 'react-dom', 'react-dom/*'], message: 'shared/ must not import the DOM layer' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import other layers' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'renderer/ talks to the main process only through the bridge' },
          { group: ['**/electron/**'], message: 'renderer/ must not import from electron/' },
          { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node built-ins' },
        ],
      }],
    },
  },
);
