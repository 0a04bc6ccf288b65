// What one running check accumulates: its requirement, the exchanges it made, the (operation,
// status) pairs it elicited, and its verdict. Carried through async calls with AsyncLocalStorage so
// clients and assertions find the current check without it being passed around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Area, Level, OperationName, Requirement } from '../requirements/types.js';
import type { Exchange } from '../http/exchange.js';
import type { RunContext } from './run-context.js';

/**
 * pass: the requirement held. fail: a MUST was broken. warn: a SHOULD/MAY was not met.
 * blocked: the check could not be arranged because the host broke *another* requirement (named in
 * `blockedBy`); it says nothing about its own requirement. skip: not applicable here (profile,
 * capability, role), with the host's answer quoted. error: the harness broke.
 */
export type Verdict = 'pass' | 'fail' | 'warn' | 'blocked' | 'skip' | 'error';

/**
 * What a failed assertion showed, normalised so that checks broken by the same host behaviour
 * group together: the requirement the assertion evidences, what it asserted, the observed shape.
 */
export interface Cause {
  /** Stable grouping key: requirementId + what + observed shape. */
  key: string;
  /** The requirement the failed assertion evidences (the check's own, or the one blocking it). */
  requirementId: string;
  what: string;
  /** The observed value, normalised (ids, numbers and dates masked), at most ~200 chars. */
  observed: string;
}

export interface ElicitedPair {
  operation: OperationName;
  /** The documented status the check asked for (or the one observed when it accepted several). */
  status: number;
  observedStatus: number;
}

/** One invalid-payload (or similar data-driven) row a spec reports. */
export interface CaseRow {
  id: string;
  expected: unknown;
  observed: unknown;
}

export interface CheckMeta {
  /** Stable id: requirement id + a slug of the scenario (not of its position): 'SES-PUT-412-STALE/stale-if-match'. */
  checkId: string;
  requirementId: string;
  /** The scenario title, without any number prefix or id. */
  title: string;
  level: Level;
  area: Area;
  operation: Requirement['operation'];
  verdict: Verdict;
  reason?: string;
  /** With verdict 'skip': what the target or run lacks (a capability, a role, `writes`, `profile:…`). */
  skippedFor?: string;
  /** With verdict 'blocked': the requirement id (or capability) whose violation stopped the arrange part. */
  blockedBy?: string;
  /** With fail, warn and blocked: the normalised cause, for grouping. */
  cause?: Cause;
  /** Profile-register entries (src/profiles/register.ts) that decided this check's expectation. */
  decidedBy?: string[];
  elicited: ElicitedPair[];
  requests: number;
  seed: number;
  cases?: CaseRow[];
}

declare module 'vitest' {
  interface TaskMeta {
    checkId?: string;
    requirementId?: string;
    title?: string;
    blockedBy?: string;
    skippedFor?: string;
    cause?: Cause;
    decidedBy?: string[];
    level?: Level;
    area?: Area;
    operation?: Requirement['operation'];
    verdict?: Verdict;
    reason?: string;
    elicited?: ElicitedPair[];
    requests?: number;
    seed?: number;
    cases?: CaseRow[];
    /** In a batch (src/cli/batch.ts): the run the check belongs to, so its results go to that run. */
    runId?: string;
  }
}

export interface CheckState {
  requirement: Requirement;
  title: string;
  meta: CheckMeta;
  exchanges: Exchange[];
  /** Replay hint printed with every failure. */
  replay: string;
  /** The run the check belongs to: in a batch, currentRun() reads it (src/runtime/current-run.ts). */
  run?: RunContext;
}

const storage = new AsyncLocalStorage<CheckState>();

export function currentCheck(): CheckState | undefined {
  return storage.getStore();
}

export function runInCheck<T>(state: CheckState, fn: () => Promise<T>): Promise<T> {
  return storage.run(state, fn);
}

export function recordElicited(pair: ElicitedPair): void {
  const state = currentCheck();
  if (!state) return;
  const seen = state.meta.elicited.some(
    (p) => p.operation === pair.operation && p.status === pair.status && p.observedStatus === pair.observedStatus,
  );
  if (!seen) state.meta.elicited.push(pair);
}
