// Starts a driver script (runs-in-one-process-driver.ts) in a child process, so the runs it
// makes are not nested inside the calling test's own vitest worker, and reads back the one JSON
// line per run it prints ("RUN {...}") with all it wrote, for failure messages.
import { spawn } from 'node:child_process';
import { CACHE_ENV, REPO } from './cli.js';

export function driveRuns<Line>(driverPath: string): Promise<{ runs: Line[]; output: string }> {
  // The driver starts its own runs: no setting or vitest state of this test process reaches it (npm test's caches do).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => (!k.startsWith('EDFI_') || CACHE_ENV.has(k)) && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, ['--import', 'tsx', driverPath], { cwd: REPO, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) =>
    child.on('close', () => resolve({ runs: output.split('\n').filter((l) => l.startsWith('RUN ')).map((l) => JSON.parse(l.slice(4)) as Line), output })),
  );
}
