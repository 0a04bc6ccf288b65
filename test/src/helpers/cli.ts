// Runs the real CLI (bin/edfi-conformance.mjs) in a child process and captures its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/edfi-conformance.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * EDFI_* variables a CLI started by a test keeps: where npm test keeps vitest's modules and the
 * host's seeded image. Caches, not settings: they change no verdict.
 */
export const CACHE_ENV = new Set(['EDFI_MODULE_CACHE_DIR', 'EDFI_HOST_IMAGE_DIR']);

export function startCli(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult>; output: () => string } {
  const started = Date.now();
  // Only what the run needs: no inherited EDFI_* settings from the developer's shell, but npm
  // test's caches (CACHE_ENV; MODULE_CACHE_ENV of src/cli/run.ts is not imported here: that would
  // load the whole runner into every test file that starts the CLI).
  const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => (!k.startsWith('EDFI_') || CACHE_ENV.has(k)) && !k.startsWith('VITEST')));
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...baseEnv, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, durationMs: Date.now() - started })));
  return { child, done, output: () => stdout + stderr };
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).done;
}
