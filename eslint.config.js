import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Who may import what. A file gets one no-restricted-imports setting (a later config object
// replaces an earlier one's), so each group of files below lists every pattern that applies to it.
// Patterns match at any depth ('**/io/**'), whatever the importing file's folder.
const nodeIo = {
  group: ['node:*', 'fs', 'child_process', 'os', 'path'],
  message: 'core/ is pure: no Node I/O.',
};
const coreTerminal = {
  group: ['chalk', '@inquirer/*', 'execa'],
  message: 'core/ is pure: no terminal or processes.',
};
const coreAlone = {
  group: ['**/io/**', '**/ssh/**', '**/ui/**', '**/commands/**', '**/cli/**', '**/session.js', '**/main.js'],
  message: 'core/ depends on nothing else.',
};
const engineInternals = {
  group: ['**/config/*/**'],
  message: 'Import the config engine from its entry, src/core/config/index.ts, not from its folders.',
};
const terminal = { group: ['chalk', '@inquirer/*'], message: 'Only ui/ imports chalk and inquirer.' };
const processes = { group: ['execa'], message: 'Only ssh/ runs processes.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'bin/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  { files: ['**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core is pure: no file system, no processes, no terminal.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ is pure: no process.*' }],
    },
  },
  // The config engine itself.
  { files: ['src/core/config/**/*.ts'], rules: restrict(nodeIo, coreTerminal, coreAlone) },
  // The rest of the core uses the engine through its entry.
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/config/**'],
    rules: restrict(nodeIo, coreTerminal, coreAlone, engineInternals),
  },
  { files: ['src/ui/**/*.ts'], rules: restrict(engineInternals) },
  { files: ['src/ssh/**/*.ts'], rules: restrict(engineInternals, terminal) },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/core/**', 'src/ssh/**'],
    rules: restrict(engineInternals, terminal, processes),
  },
);
