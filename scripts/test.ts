/**
 * npm test: every check and every suite, in the order a failure is cheapest to
 * read. Stops at the first failing step and exits non-zero; never skips a step.
 * Ends with one line `test: N passed, N failed` counting every test run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUILD_DIR } from './lib/paths';
import { run } from './lib/run';

interface Step {
    name: string;
    command: string;
    args: string[];
    /** Where the step writes a machine-readable result to count tests from. */
    results?: string;
}

const JEST_RESULTS = path.join(BUILD_DIR, 'results', 'jest.json');
/** e2e/run.ts writes the same counters Jest's --json does. */
const E2E_RESULTS = path.join(BUILD_DIR, 'results', 'e2e.json');

const STEPS: Step[] = [
    { name: 'system packages', command: 'bash', args: ['scripts/setup-system.sh'] },
    { name: 'build', command: 'tsx', args: ['scripts/build.ts'] },
    { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'] },
    { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
    // Import cycles, type-only imports included (dpdm resolves the c/* aliases through tsconfig paths).
    { name: 'import cycles', command: 'npm', args: ['run', '--silent', 'cycles'] },
    { name: 'format', command: 'npm', args: ['run', '--silent', 'format:check'] },
    { name: 'validate', command: 'tsx', args: ['scripts/validate.ts'] },
    { name: 'code analyzer', command: 'tsx', args: ['scripts/analyze.ts'] },
    {
        name: 'unit',
        command: 'sfdx-lwc-jest',
        args: ['--', '--ci', '--json', `--outputFile=${JEST_RESULTS}`],
        results: JEST_RESULTS
    },
    {
        name: 'e2e (chromium)',
        command: 'tsx',
        args: ['e2e/run.ts', '--skip-package'],
        results: E2E_RESULTS
    }
];

function countJest(file: string): { passed: number; failed: number } {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    return { passed: json.numPassedTests, failed: json.numFailedTests };
}

function main(): void {
    fs.mkdirSync(path.dirname(JEST_RESULTS), { recursive: true });
    let passed = 0;
    let failed = 0;
    const started = Date.now();
    for (const step of STEPS) {
        const t0 = Date.now();
        console.log(`\n=== ${step.name} ===`);
        if (step.results) fs.rmSync(step.results, { force: true });
        try {
            run(step.command, step.args);
        } catch (error) {
            if (step.results && fs.existsSync(step.results)) {
                const counts = countJest(step.results);
                passed += counts.passed;
                failed += counts.failed;
            }
            console.error(
                `\ntest: step "${step.name}" failed: ${error instanceof Error ? error.message : String(error)}`
            );
            console.log(`test: ${passed} passed, ${Math.max(failed, 1)} failed`);
            process.exit(1);
        }
        if (step.results) {
            const counts = countJest(step.results);
            passed += counts.passed;
            failed += counts.failed;
        }
        console.log(`=== ${step.name}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s) ===`);
    }
    console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    console.log(`test: ${passed} passed, ${failed} failed`);
    if (passed === 0) {
        console.error('test: no test ran; that is a failure, not a pass.');
        process.exit(1);
    }
}

main();
