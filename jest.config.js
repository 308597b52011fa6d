// One Jest run for everything: LWC bundles (jsdom, via sfdx-lwc-jest) and the
// plain TypeScript modules under src/ and scripts/ (a file that needs Node says
// so with a `@jest-environment node` docblock).
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const MOCKS = '<rootDir>/force-app/test/jest-mocks';

module.exports = {
    ...jestConfig,
    roots: ['<rootDir>/force-app', '<rootDir>/src', '<rootDir>/scripts'],
    testMatch: ['**/__tests__/**/*.test.ts'],
    moduleNameMapper: {
        // Platform modules that must behave, not just exist (see force-app/test/jest-mocks).
        '^lightning/navigation$': `${MOCKS}/lightning/navigation.ts`,
        '^lightning/messageService$': `${MOCKS}/lightning/messageService.ts`,
        '^lightning/uiRecordApi$': `${MOCKS}/lightning/uiRecordApi.ts`,
        '^lightning/graphql$': `${MOCKS}/lightning/graphql.ts`
    },
    setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
    testPathIgnorePatterns: [...jestConfig.testPathIgnorePatterns, '<rootDir>/.build/'],
    modulePathIgnorePatterns: ['<rootDir>/.build/'],
    clearMocks: true,
    restoreMocks: false
};
