// Runs the CLI's main() inside the test's own process, for tests about what the runner decides
// (its exit code, its one-sentence refusals) rather than about the process: a spawned CLI costs a
// second of CPU to start (tsx) before it does anything. The environment is the one cli.ts gives a
// spawned CLI (no EDFI_* settings from the shell but npm test's caches, plus `env`), and
// what main() writes to stdout and stderr is captured instead of printed.
import { vi } from 'vitest';
import { CACHE_ENV, type CliResult } from './cli.js';

export async function runMain(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('EDFI_') && !CACHE_ENV.has(k)) delete process.env[k];
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const capture = (into: (text: string) => void) => (chunk: string | Uint8Array): boolean => {
    into(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)) as typeof process.stdout.write);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)) as typeof process.stderr.write);
  const started = Date.now();
  try {
    // Imported here, not at the top: the runner is loaded only by the tests that use it.
    const { main } = await import('../../../src/cli/main.js');
    const code = await main(args);
    return { code, stdout, stderr, durationMs: Date.now() - started };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
