// Brings @sa11y/jest's global `toBeAccessible()` matcher type into every test.
import '@sa11y/jest';
