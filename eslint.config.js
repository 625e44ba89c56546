import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'child_process', 'os', 'path'],
              message: 'core/ is pure: no Node I/O.',
            },
            { group: ['chalk', '@inquirer/*', 'execa'], message: 'core/ is pure: no terminal or processes.' },
            {
              group: ['../io/*', '../ssh/*', '../ui/*', '../commands/*'],
              message: 'core/ depends on nothing else.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ is pure: no process.*' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/core/**', 'src/ssh/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['chalk', '@inquirer/*'], message: 'Only ui/ imports chalk and inquirer.' },
            { group: ['execa'], message: 'Only ssh/ runs processes.' },
          ],
        },
      ],
    },
  },
);
