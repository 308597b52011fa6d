// Flat ESLint config.
// - LWC sources: Salesforce's recommended LWC rules (@salesforce/eslint-config-lwc,
//   which brings @lwc/eslint-plugin-lwc, @salesforce/eslint-plugin-lightning, jest
//   and import rules), parsed by typescript-eslint instead of Babel so type
//   assertions and generics do not trip the LWC rules.
// - All TypeScript: typescript-eslint's type-checked recommended rules.
// - LWC sources also get Salesforce's Lightning Web Security rules (@locker/eslint-config-locker
//   "recommended", through FlatCompat since it ships the eslintrc format), every one an error
//   here, plus the event types LWS refuses, which no locker rule covers; so an API that LWS blocks
//   or changes fails lint before it reaches a browser.
const { FlatCompat } = require('@eslint/eslintrc');
const tseslint = require('typescript-eslint');
const lwcConfig = require('@salesforce/eslint-config-lwc');
const globals = require('globals');

const LWC = 'force-app/main/default/lwc/**/*.ts';

/** Scope a shared config array to some files. */
const scoped = (configs, files) => configs.map((config) => ({ ...config, files }));

const compat = new FlatCompat({ baseDirectory: __dirname });
/**
 * Salesforce's LWS config with every rule an error (lint runs with --max-warnings 0, so a warning
 * would fail anyway), less the "distorted" rules whose distortion our code is written for, each
 * with its reason (@locker/distortion docs/distortions.md):
 * - timers: LWS only refuses string callbacks; every timer here passes a function, and
 *   @lwc/lwc/no-async-operation already asks each one for its reason.
 * - Storage: LWS partitions localStorage and sessionStorage per namespace (keys become
 *   `LSKey[c]…`); softphoneBridge/storage.ts is built for that and falls back to memory.
 */
const LWS_DISTORTIONS_WE_RELY_ON = new Set([
    '@locker/locker/distorted-window-set-timeout',
    '@locker/locker/distorted-window-set-interval',
    '@locker/locker/distorted-storage-constructor'
]);
const lwsRules = (configs) =>
    configs.map((config) =>
        config.rules
            ? {
                  ...config,
                  rules: Object.fromEntries(
                      Object.keys(config.rules).map((rule) => [
                          rule,
                          LWS_DISTORTIONS_WE_RELY_ON.has(rule) ? 'off' : 'error'
                      ])
                  )
              }
            : config
    );

// Event types Lightning Web Security refuses to let sandboxed code listen for on window or document
// (@locker/distortion docs/distortions.md: "Window 'storage' event", "securitypolicyviolation").
const LWS_REFUSED_EVENTS = ['storage', 'securitypolicyviolation'];
const lwsRefusedListeners = {
    selector: `CallExpression[callee.property.name='addEventListener'][arguments.0.value=/^(${LWS_REFUSED_EVENTS.join('|')})$/]`,
    message:
        'Lightning Web Security refuses this event listener (LockerSecurityError). Use a BroadcastChannel, Lightning Message Service or re-read on visibilitychange.'
};

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
    ...scoped(lwsRules(compat.extends('@locker/eslint-config-locker/recommended')), [LWC]),
    {
        files: [LWC],
        rules: { 'no-restricted-syntax': ['error', lwsRefusedListeners] }
    },
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
        // They run in Jest, never under LWS, so the LWS rules do not apply to them.
        files: ['**/__tests__/**/*.ts', 'force-app/test/**/*.ts'],
        languageOptions: { globals: { ...globals.jest, ...globals.node } },
        rules: {
            ...Object.fromEntries(
                Object.keys(require('@locker/eslint-plugin-locker').rules).map((rule) => [
                    `@locker/locker/${rule}`,
                    'off'
                ])
            ),
            'no-restricted-syntax': 'off',
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
        // LWC tests (where the LWC config brings the jest plugin): shared assertion helpers are
        // named expect… (e.g. expectGoneAfter).
        files: ['force-app/main/default/lwc/**/__tests__/**/*.ts'],
        rules: { 'jest/expect-expect': ['warn', { assertFunctionNames: ['expect', 'expect*'] }] }
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
