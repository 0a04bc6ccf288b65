// What one running check accumulates: its requirement, the exchanges it made, the (operation,
// status) pairs it elicited, and its verdict. Carried through async calls with AsyncLocalStorage so
// clients and assertions find the current check without it being passed around.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Area, Level, OperationName, Requirement } from '../requirements/types.js';
import type { Exchange } from '../http/exchange.js';

export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

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
  requirementId: string;
  level: Level;
  area: Area;
  operation: Requirement['operation'];
  verdict: Verdict;
  reason?: string;
  elicited: ElicitedPair[];
  requests: number;
  seed: number;
  cases?: CaseRow[];
}

declare module 'vitest' {
  interface TaskMeta {
    requirementId?: string;
    level?: Level;
    area?: Area;
    operation?: Requirement['operation'];
    verdict?: Verdict;
    reason?: string;
    elicited?: ElicitedPair[];
    requests?: number;
    seed?: number;
    cases?: CaseRow[];
  }
}

export interface CheckState {
  requirement: Requirement;
  title: string;
  meta: CheckMeta;
  exchanges: Exchange[];
  /** Replay hint printed with every failure. */
  replay: string;
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
