// Setup file of the project tests that share their worker processes (vitest.config.ts, project
// 'harness-shared'): after each file, the harness's process-wide state must be as the file found
// it, so no file's outcome can depend on what another file left in the process (a secret the
// redactor knows, a profile or run set for tests, an EDFI_* variable, a signal handler). A file
// that leaves any of it fails here, naming what it left; it belongs in ISOLATED in vitest.config.ts
// (a process of its own), or must undo what it did.
import { afterAll, beforeAll, expect } from 'vitest';
import { knownSecretCount } from '../src/report/redact.js';
import { currentRun } from '../src/runtime/current-run.js';
import { currentProfile } from '../src/runtime/profile.js';

function processState(): Record<string, unknown> {
  return {
    secretsKnownToTheRedactor: knownSecretCount(),
    profile: currentProfile(),
    currentRun: currentRun()?.runId,
    edfiVariables: Object.entries(process.env).filter(([k]) => k.startsWith('EDFI_')).sort(),
    signalHandlers: ['SIGINT', 'SIGTERM'].map((s) => process.listenerCount(s)),
    exitCode: process.exitCode,
    cwd: process.cwd(),
  };
}

let before: Record<string, unknown>;
beforeAll(() => {
  before = processState();
});
afterAll(() => {
  expect(processState(), 'this file left process-wide state behind: undo it, or list the file in ISOLATED (vitest.config.ts)').toEqual(before);
});
