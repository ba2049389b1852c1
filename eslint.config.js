// ESLint flat config. The dependency rule of DESIGN.md is enforced here: the platform-neutral
// core never imports bots/, telegraf, axios, node-cron or node:* modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The test fakes and the sandbox (npm run sandbox) stay out of the production bundle (dist/node).
const productionOnly = { group: ['**/test/**', '**/scripts/**'], message: 'Production code never imports the tests, the fakes or the scripts.' };

const nodeOnly = ['telegraf', 'telegraf/*', 'axios', 'node-cron', '@hono/node-server', '@hono/node-server/*'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.wrangler/**', 'db/migrations/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/entry/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeOnly.filter((p) => !p.includes('*')).map((name) => ({ name, message: 'Runtime-specific: keep it in bots/ or src/entry/.' })),
            { name: 'cloudflare:test', message: 'Only the workerd tests (test/worker) may import it.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The core runs on Workers too: no node:* imports outside src/entry.' },
            { group: ['**/bots/**', '../bots/*', '../../bots/*'], message: 'The core never imports bots/.' },
            productionOnly,
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'Read configuration through parseEnv in src/entry.' }],
    },
  },
  {
    // What the production bundle is built from never reaches into the tests or the sandbox.
    files: ['src/entry/**/*.ts', 'bots/**/*.ts', 'db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [productionOnly] }] },
  },
);
