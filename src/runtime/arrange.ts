// Arrange versus assert. A check first arranges what it needs (creates a session, reads its
// current state, finds a page token) and then asserts its own requirement. When the host breaks
// the arrange part, the check has learnt nothing about its own requirement: its verdict is
// `blocked`, naming the requirement the failed set-up step evidences, never `fail` under its own
// id. The scope travels with the async call chain (AsyncLocalStorage), so shared helpers
// (t.sessions.create, the walks in specs/support) can declare what they evidence once.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ArrangeScope {
  /** The set-up step, in words: 'POST a valid session'. */
  step: string;
  /** The requirement whose violation this step would show (e.g. SES-POST-201-CREATED). */
  evidences?: string;
}

const storage = new AsyncLocalStorage<ArrangeScope>();

/** The innermost arrange scope of the running code, if any. */
export function currentArrange(): ArrangeScope | undefined {
  return storage.getStore();
}

/**
 * Runs a set-up step. An assertion failing inside it is recorded with the step and the
 * requirement it evidences; the check runner turns it into `blocked` unless that requirement is
 * the check's own. A nested scope without `evidences` inherits the outer one's.
 */
export function inArrange<T>(step: string, evidences: string | undefined, fn: () => T | Promise<T>): Promise<T> {
  const outer = storage.getStore();
  return storage.run({ step, evidences: evidences ?? outer?.evidences }, async () => fn());
}

/**
 * Runs an assertion-side part inside an arrange step (rare: a helper that both sets up and, for
 * one check, *is* the assertion). Failures inside count against the check's own requirement.
 */
export function outsideArrange<T>(fn: () => T | Promise<T>): Promise<T> {
  return storage.exit(async () => fn());
}
