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
// Processes: src/ssh/process.ts starts every one (its header says why it uses node:child_process).
const PROCESS_MODULE = 'src/ssh/process.ts';
const processMessage = 'Only src/ssh/process.ts starts processes: call its functions.';
const processes = { group: ['execa', 'child_process', 'node:child_process'], message: processMessage };
// import() and process.getBuiltinModule() are not import declarations: no-restricted-syntax sees them.
const processSyntax = (modules) => [
  'error',
  { selector: `ImportExpression[source.value=${modules}]`, message: processMessage },
  {
    selector: `CallExpression[callee.property.name='getBuiltinModule'][arguments.0.value=${modules}]`,
    message: processMessage,
  },
  {
    selector: `CallExpression[callee.name='require'][arguments.0.value=${modules}]`,
    message: processMessage,
  },
];
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
  { files: ['src/ui/**/*.ts'], rules: restrict(engineInternals, processes) },
  {
    files: ['src/ssh/**/*.ts'],
    ignores: [PROCESS_MODULE],
    rules: restrict(engineInternals, terminal, processes),
  },
  { files: [PROCESS_MODULE], rules: restrict(engineInternals, terminal) },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/core/**', 'src/ssh/**'],
    rules: restrict(engineInternals, terminal, processes),
  },
  {
    files: ['src/**/*.ts'],
    ignores: [PROCESS_MODULE],
    rules: { 'no-restricted-syntax': processSyntax('/^(execa|(node:)?child_process)$/') },
  },
);
