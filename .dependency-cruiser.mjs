// `npm run lint` runs this after ESLint: no import cycle in src/, type-only imports included.
// ESLint's import plugins (import-x/no-cycle, import/no-cycle) skip type-only imports with no
// option to count them, so cycles are checked here. tsPreCompilationDeps keeps the imports that
// TypeScript erases (`import type`), so a cycle made of types alone is caught too.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Break a cycle by moving what both modules need into a module both import.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
