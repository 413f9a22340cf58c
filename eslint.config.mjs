// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  // Module boundaries. no-restricted-imports sees the import text, not the resolved file, so a
  // relative path is recognised by the root folder it climbs to; bare "src/…" imports resolve
  // through tsconfig's baseUrl and are caught too. Import cycles are caught by
  // libs/rules-engine/src/import-cycles.spec.ts (eslint-plugin-import is not a dependency).
  {
    // The rules engine is a plain library: no app code, no test code, no framework.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'libs/ stays framework-free: no Nest imports.' },
            {
              regex: '^(\\.\\./)+(src|test)(/|$)|^(src|test)/',
              message: 'libs/ never imports the app (src/) or tests (test/); write own files relative to the file.',
            },
          ],
        },
      ],
    },
  },
  {
    // Production code (and the unit specs beside it) never reaches into test/; specs that need the
    // test support servers or fixtures live under test/unit/.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+test(/|$)|^test/',
              message: 'src/ never imports test/: put the spec under test/unit/.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/common/ sits below every module (the clock, events, errors, Actor, the destination
    // guard): it may use configuration and i18n, never a feature module, so nothing depends on
    // a feature module through it.
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+test(/|$)|^test/',
              message: 'src/ never imports test/: put the spec under test/unit/.',
            },
            {
              regex:
                '^(\\.\\./)+(identity|brands|calendar|compliance|workflow|scheduling|publishing|media|' +
                'notifications|feeds|audit|demo|web|health|queue|openapi)(/|$)',
              message: 'src/common/ never imports a feature module; move what both need into src/common/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app talks to the API over HTTP only (types come from the generated web/src/api).
    // web/ has its own src/ (reached with one ../ at most), so the app's is two or more levels up.
    files: ['web/**/*.{ts,tsx,mts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./){2,}(src|test)(/|$)|^(src|test)/',
              message:
                'web/ never imports the server (src/) or tests (test/); use the generated client in web/src/api.',
            },
          ],
        },
      ],
    },
  },
  {
    // The local OpenID provider of the tests runs as plain ESM in a process of its own.
    files: ['test/support/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
  {
    // One screen per function, one concern per file (STYLE.md); blank lines and comments do not count.
    files: ['src/**/*.ts', 'libs/**/*.ts'],
    // Migrations are frozen history: they are never edited once released.
    ignores: ['**/*.spec.ts', 'src/database/migrations/**'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Tests and benchmarks poke at untyped JSON responses.
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
