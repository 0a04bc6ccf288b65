// The per-check result the runner keeps after vitest: what the collector writes and the summary,
// the matrix and the tests read.
import type { Area, Level, Requirement } from '../requirements/types.js';
import type { CaseRow, ElicitedPair, Verdict } from '../runtime/check-state.js';

export interface CheckResult {
  requirementId: string;
  /** The scenario title (without the [ID] prefix). */
  title: string;
  file: string;
  level: Level;
  area: Area;
  operation: Requirement['operation'];
  verdict: Verdict;
  reason?: string;
  elicited: ElicitedPair[];
  requests: number;
  seed: number;
  durationMs: number;
  cases?: CaseRow[];
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
