// The per-check result the runner keeps after vitest: what the collector writes and the summary,
// the matrix and the tests read.
import type { CheckMeta } from '../runtime/check-state.js';

/** A check's meta as the worker published it, plus what the collector adds. */
export interface CheckResult extends CheckMeta {
  /** The scenario title (without the [ID] prefix). */
  title: string;
  file: string;
  /** The resource its requirement belongs to (src/report/resources.ts); absent for an API-wide one. */
  resource?: string;
  durationMs: number;
  /** Failure messages (already redacted). */
  errors: string[];
}

export interface CollectedResults {
  checks: CheckResult[];
  /** Tests that were not checks (no requirement meta) or filtered out by --grep. */
  notRun: number;
  /** Errors outside any check (a spec file that failed to load, …). */
  suiteErrors: string[];
}

export const RESULTS_FILE = 'results.json';
