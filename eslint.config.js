// Flat ESLint config.
// - LWC sources: Salesforce's recommended LWC rules (@salesforce/eslint-config-lwc,
//   which brings @lwc/eslint-plugin-lwc, @salesforce/eslint-plugin-lightning, jest
//   and import rules), parsed by typescript-eslint instead of Babel so type
//   assertions and generics do not trip the LWC rules.
// - All TypeScript: typescript-eslint's type-checked recommended rules.
const tseslint = require('typescript-eslint');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const globals = require('globals');

const LWC = 'force-app/main/default/lwc/**/*.ts';

/** Scope a shared config array to some files. */
const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

module.exports = tseslint.config(
    {
        ignores: [
            'node_modules/**',
            '.build/**',
            'coverage/**',
            'test-results/**',
            '.sf/**',
            '.sfdx/**',
            'force-app/main/default/lwc/**/*.js',
            'force-app/main/default/staticresources/**',
            '**/__fixtures__/**'
        ]
    },
    ...scoped(lwcConfig.configs.recommended, [LWC]),
    {
        files: ['**/*.ts'],
        extends: [...tseslint.configs.recommendedTypeChecked],
        languageOptions: {
            parser: tseslint.parser,
            parserOptions: { projectService: true, tsconfigRootDir: __dirname },
            globals: { ...globals.browser }
        },
        rules: {
            '@typescript-eslint/consistent-type-imports': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            // The LWC import rules resolve platform modules (lightning/*, @salesforce/*, c/*) that
            // exist only on the platform; TypeScript already checks every import.
            'import/no-unresolved': 'off',
            'import/named': 'off',
            'import/namespace': 'off',
            'import/default': 'off'
        }
    },
    {
        // Tests and mocks: Jest globals; asserting on loosely typed DOM and fixtures is normal there.
        files: ['**/__tests__/**/*.ts', 'force-app/test/**/*.ts'],
        languageOptions: { globals: { ...globals.jest, ...globals.node } },
        rules: {
            '@typescript-eslint/no-non-null-assertion': 'off',
            '@typescript-eslint/unbound-method': 'off',
            '@typescript-eslint/no-explicit-any': 'off',
            '@typescript-eslint/no-unsafe-assignment': 'off',
            '@typescript-eslint/no-unsafe-member-access': 'off',
            '@typescript-eslint/no-unsafe-call': 'off',
            '@typescript-eslint/no-unsafe-argument': 'off',
            '@typescript-eslint/no-unsafe-return': 'off',
            '@lwc/lwc/no-async-operation': 'off',
            '@lwc/lwc/no-inner-html': 'off'
        }
    },
    {
        // Node-side tooling.
        files: ['scripts/**/*.ts', 'workbench/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts', '*.ts'],
        languageOptions: { globals: { ...globals.node } }
    },
    {
        files: ['*.js', 'scripts/**/*.js'],
        extends: [tseslint.configs.disableTypeChecked],
        languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    }
);
