// Lint keeps the layers apart (see ../shared/docs/architecture.md):
// shared/ is pure TypeScript; renderer/ imports only shared/; bag/ (the package
// format, Node-only) imports shared/ and Node; electron/ (the school app) and
// server/ (the bureau's server) import shared/ and bag/, never each other;
// workspace/ (the bureau's browser UI) imports only shared/.
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
          { group: ['**/electron/**', '**/renderer/**', '**/bag/**', '**/server/**'], message: 'shared/ must not import other layers' },
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
          { group: ['**/electron/**', '**/bag/**', '**/server/**'], message: 'renderer/ imports only shared/' },
          { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node built-ins' },
        ],
      }],
    },
  },
  {
    // The bureau's workspace (browser, served by the server): shared/, react and
    // i18next only; its components are its own (the school app's are tied to the
    // app's i18n instance and store).
    files: ['workspace/**/*.ts', 'workspace/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'workspace/ runs in the browser' },
          { group: ['**/electron/**', '**/bag/**', '**/server/**', '**/renderer/**'], message: 'workspace/ imports only shared/ (and react, i18next)' },
          { group: nodeBuiltins, message: 'workspace/ runs in the browser: no Node built-ins' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', '__dirname'],
    },
  },
  {
    files: ['bag/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'better-sqlite3', 'sharp'], message: 'bag/ is the package format only: no Electron, SQLite or image code' },
          { group: ['**/electron/**', '**/renderer/**', '**/server/**'], message: 'bag/ imports only shared/ and Node' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**', '**/renderer/**'], message: 'electron/ imports shared/ and bag/, never the server or the UI' },
        ],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*', 'sharp'], message: 'server/ runs without Electron or image code' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'server/ imports shared/ and bag/, never the school app' },
        ],
      }],
    },
  },
);
