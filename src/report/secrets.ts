// Registers every secret of a run context with the redactor (main process and workers alike).
import type { RunContext } from '../runtime/run-context.js';
import { registerSecret } from './redact.js';

export function registerContextSecrets(run: RunContext): void {
  const creds = [run.main.credentials, ...Object.values(run.roles), run.secondary.snapshot?.credentials, run.secondary.changeQueriesDisabled?.credentials];
  for (const c of creds) registerSecret(c?.secret);
}
