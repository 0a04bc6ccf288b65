// Groups the checks that did not pass by what broke them. A host with twenty deviations fails
// hundreds of checks; a reader needs the twenty. The worker gives each failed, warned or blocked
// check a normalised cause (src/runtime/check-state.ts `Cause`); checks without one (older specs,
// harness errors) fall back to their requirement plus the first line of their message, which keeps
// identical messages together without inventing a shape.
import type { Level } from '../requirements/types.js';
import type { CheckResult } from './results.js';

export interface CauseGroup {
  key: string;
  /** The requirement the cause evidences (for blocked checks: the one that blocked them); the first seen. */
  requirementId: string;
  /** Every requirement the cause evidences: one host behaviour can break checks of several. */
  requirementIds: string[];
  /** Its level when the requirement is known (a capability blocking checks has none). */
  level?: Level;
  what: string;
  observed: string;
  /** Checks hit, by verdict. */
  checks: number;
  failed: number;
  warned: number;
  blocked: number;
  errors: number;
  /** The first check hit, as an example to open. */
  example: string;
  checkIds: string[];
}

const GROUPED = new Set(['fail', 'warn', 'blocked', 'error']);

const firstLine = (text: string | undefined): string => (text ?? '').split('\n').find((l) => l.trim())?.trim() ?? '';
/** Failure messages start with '[REQ-ID] '; the id is shown beside the cause already. */
const withoutIdPrefix = (line: string): string => line.replace(/^\[[A-Z0-9-]+\]\s*/, '');
/** The message's 'observed:' line, for display only (it may carry ids that differ per check). */
const observedLine = (text: string | undefined): string => /^\s*observed:\s*(.+)$/m.exec(text ?? '')?.[1]?.trim() ?? '';

/** The cause a check is grouped under: its own, or one derived from its requirement and message. */
export function causeForGrouping(check: CheckResult): { key: string; requirementId: string; what: string; observed: string } {
  if (check.cause) return check.cause;
  const requirementId = check.verdict === 'blocked' && check.blockedBy ? check.blockedBy : check.requirementId;
  const message = check.errors[0] ?? check.reason;
  const what = withoutIdPrefix(firstLine(check.reason) || firstLine(check.errors[0])) || (check.verdict === 'error' ? 'the check broke' : 'no message');
  return { key: `${requirementId}|${what}`, requirementId, what, observed: observedLine(message) };
}

/**
 * Distinct causes of fail, warn, blocked and error verdicts, the most damaging first: by checks
 * failed + blocked (+ errors), then by warnings, then by key so the order is stable.
 */
export function groupByCause(checks: readonly CheckResult[], levelOf: (requirementId: string) => Level | undefined = () => undefined): CauseGroup[] {
  const groups = new Map<string, CauseGroup>();
  for (const c of checks) {
    if (!GROUPED.has(c.verdict)) continue;
    const cause = causeForGrouping(c);
    let g = groups.get(cause.key);
    if (!g) {
      const level = cause.requirementId === c.requirementId && c.verdict !== 'blocked' ? c.level : levelOf(cause.requirementId);
      g = { key: cause.key, requirementId: cause.requirementId, requirementIds: [], ...(level ? { level } : {}), what: cause.what, observed: cause.observed, checks: 0, failed: 0, warned: 0, blocked: 0, errors: 0, example: c.checkId, checkIds: [] };
      groups.set(cause.key, g);
    }
    g.checks++;
    g.checkIds.push(c.checkId);
    if (!g.requirementIds.includes(cause.requirementId)) g.requirementIds.push(cause.requirementId);
    if (c.verdict === 'fail') g.failed++;
    else if (c.verdict === 'warn') g.warned++;
    else if (c.verdict === 'blocked') g.blocked++;
    else g.errors++;
  }
  const weight = (g: CauseGroup): number => g.failed + g.blocked + g.errors;
  return [...groups.values()].sort((a, b) => weight(b) - weight(a) || b.warned - a.warned || a.key.localeCompare(b.key));
}

/** '×12 checks (3 failed, 9 blocked)': only the verdicts that occur. */
export function causeTally(g: CauseGroup): string {
  const parts = [
    g.failed ? `${g.failed} failed` : '',
    g.warned ? `${g.warned} warned` : '',
    g.blocked ? `${g.blocked} blocked` : '',
    g.errors ? `${g.errors} ${g.errors === 1 ? 'error' : 'errors'}` : '',
  ].filter(Boolean);
  return `×${g.checks} ${g.checks === 1 ? 'check' : 'checks'} (${parts.join(', ')})`;
}
