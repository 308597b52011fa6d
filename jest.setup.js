// Registers @sa11y/jest's toBeAccessible() for every suite.
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
