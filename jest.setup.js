// Runs after the test framework in every suite.
// - The LWC preset's setup patches DOM globals, so it only runs where there is a DOM
//   (suites with a `@jest-environment node` docblock have none).
// - Registers @sa11y/jest's toBeAccessible().
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');
const { registerSa11yMatcher } = require('@sa11y/jest');

if (typeof Element !== 'undefined') {
    for (const setup of jestConfig.setupFilesAfterEnv || []) require(setup);
}
registerSa11yMatcher();
