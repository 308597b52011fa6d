/**
 * Faults the workbench org can be told to inject, in one place for both ways the org is reached:
 * the app origin's HTTP API (server.ts, behind the browser's Open CTI host) and the in-process
 * org Jest uses (opencti/inProcess.ts). Switched on from the Workbench panel, `startWorkbench().faults`
 * or a test.
 */

export interface SaveLogFaults {
    /** The next N saveLog calls fail (the org refuses the write; no record is created). */
    saveLogFailures: number;
}

/** The error of an injected saveLog failure, consuming one; null when this save may go ahead. */
export function takeSaveLogFailure(faults: SaveLogFaults): string | null {
    if (!(faults.saveLogFailures > 0)) return null;
    faults.saveLogFailures -= 1;
    return `UNABLE_TO_LOCK_ROW: workbench fault, saveLog failure injected (${faults.saveLogFailures} more to come).`;
}
