// Vocabulary of the self-test (kill matrix), after Stryker's mutant results: a closed set of
// statuses, and for each fault the checks that killed it and the checks that ran against it.
import type { ElicitedPair, Verdict } from '../../src/runtime/check-state.js';

export type FaultStatus = 'killed' | 'survived' | 'runtimeError' | 'timedOut';

/** One check as the kill matrix keeps it (the harness's CheckResult, trimmed). */
export interface CheckOutcome {
  requirementId: string;
  title: string;
  verdict: Verdict;
  /** Stable check id ('SES-PUT-412-STALE/stale-if-match'), when the harness gives one. */
  checkId?: string;
  /** First failure message, shortened (already redacted by the harness). */
  message?: string;
  /** The skip (or warn) reason, shortened. */
  reason?: string;
  /** With verdict 'blocked': the requirement or capability that blocked the check. */
  blockedBy?: string;
  /** With verdict 'skip': the capability, role or profile the skip is for, when the harness says. */
  skippedFor?: string;
  elicited: ElicitedPair[];
}

/** What a persona run left behind and let out, measured by the worker (JobResult.audit). */
export interface RunAudit {
  /** Items created during the run and still stored afterwards: "main session 'name' (id)". */
  leftovers: string[];
  /** Where a fragment of a token the hosts issued was found (never the fragment itself). */
  tokenFragments: Array<{ where: string; count: number }>;
  tokensIssued: number;
  /** Files searched under the report directory, plus the summary and the console output. */
  placesSearched: number;
}

/** What one run (faithful or with one fault) produced, as the worker reports it. */
export interface JobResult {
  jobId: string;
  faultId?: string;
  grep?: string;
  exitCode?: number;
  durationMs: number;
  /** Of which starting the host took. */
  hostStartMs?: number;
  /**
   * CPU time (user + system) of the worker process during the job, its spec threads and hosts
   * included (they run in it); a batch's members each carry an even share of the batch's. Where
   * npm test's CPU goes.
   */
  cpuMs?: number;
  checks: CheckOutcome[];
  suiteErrors: string[];
  /** The run could not be made (host did not start, probe failed, …). */
  error?: string;
  timedOut?: boolean;
  /** Persona runs only. */
  audit?: RunAudit;
}

export interface FaultResult {
  faultId: string;
  status: FaultStatus;
  statusReason?: string;
  violates: string[];
  /** Checks (as "[ID] title") that failed or warned, and whose requirement the fault declares. */
  killedBy: string[];
  /** Checks that failed or warned outside the fault's declaration (reported, not an error). */
  undeclaredFailures: string[];
  /** Checks that ran against the fault (any verdict). */
  coveredBy: string[];
  durationMs: number;
}

export interface SelfTestSummary {
  faithful: { passed: boolean; checks: number; failures: string[]; durationMs: number; error?: string };
  results: FaultResult[];
  killed: number;
  total: number;
  /** killed / total, 0..1. */
  score: number;
  survivors: FaultResult[];
  /** Checks of the faithful run that killed no fault. */
  unproven: string[];
  /** Operations whose 500 was elicited by a fault run, out of the 8 documented ones. */
  elicited500: { operations: string[]; of: number };
  wallMs: number;
  passed: boolean;
}
