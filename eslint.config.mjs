import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { layerPolicies, layerElements, layerFiles } from './eslint.layers.mjs';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'stream', 'util', 'url', 'events', 'worker_threads'];
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((name) => `${name}/*`)];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': layerElements,
      'boundaries/files': layerFiles,
      // Lazy-loaded modules and re-exports cross layers too.
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
      'import/resolver': { typescript: { project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true } },
      // import-x reads each imported file with the TypeScript parser to follow cycles through it.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkUnknownLocals: true,
          message: 'src/{{from.type}} may not import {{to.source}}: see the allow-list in eslint.layers.mjs and docs/architecture.md.',
          policies: layerPolicies,
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: [
      'src/core/**/*.ts',
      'src/demo/**/*.ts',
      'src/sim/**/*.ts',
      'src/cli/**/*.ts',
      'src/main/ipc/dispatcher.ts',
      'src/main/ipc/handlers/**/*.ts',
      'src/main/ipc/trusted-sender.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The core runs under plain Node and the CLI: put Electron calls in src/main (shell) and pass what the core needs in as a parameter.',
            },
            { name: 'react', message: 'The core has no UI: render in src/renderer from the model the core returns.' },
          ],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'The core must not depend on the renderer or the preload.' }],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared runs anywhere: no Electron.' },
            { name: 'react', message: 'src/shared runs anywhere: no React.' },
          ],
          patterns: [
            { group: nodeBuiltinPatterns, message: 'src/shared runs in the renderer too: no Node built-ins. Move the code to src/core.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared depends on nothing but itself and pure libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: call the main process through window.doctor (hooks/use-api.ts).' }],
          patterns: [
            { group: nodeBuiltinPatterns, message: 'The renderer has no Node: ask the main process through a contract channel instead.' },
            {
              group: ['**/main/**', '@aws-sdk/*', '@smithy/*'],
              message: 'The renderer never touches AWS or the core: add a contract channel and call it through window.doctor.',
            },
          ],
        },
      ],
    },
  },
);
