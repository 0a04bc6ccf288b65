// Pure change helpers for update scenarios. None of them edits its input: each returns a deep
// copy with exactly the documented difference, so a spec can compare "before" and "after".
import { INT32_MAX } from '../src/contract/session-schema.js';
import type { GradingPeriodRef, AcademicWeekRef, SessionPayload, SessionRefs } from './types.js';

/** A deep copy: re-posting it must be a no-op for the host (200, same ETag, §3). */
export function identicalRepost(payload: SessionPayload): SessionPayload {
  return structuredClone(payload);
}

/** Only `totalInstructionalDays` differs (a non-key, scalar field). */
export function withNonKeyChange(payload: SessionPayload): SessionPayload {
  const copy = structuredClone(payload);
  const days = payload.totalInstructionalDays;
  copy.totalInstructionalDays = days >= INT32_MAX ? days - 1 : days + 1;
  return copy;
}

/** Only `sessionName` (part of the natural key) differs; the caller supplies a run-unique name. */
export function withSessionName(payload: SessionPayload, sessionName: string): SessionPayload {
  if (sessionName === payload.sessionName) throw new Error('a key change needs a different sessionName');
  const copy = structuredClone(payload);
  copy.sessionName = sessionName;
  return copy;
}

export const gradingPeriodKey = (g: GradingPeriodRef): string =>
  JSON.stringify([g.gradingPeriodDescriptor, g.gradingPeriodName, g.schoolId, g.schoolYear]);
export const academicWeekKey = (w: AcademicWeekRef): string => JSON.stringify([w.schoolId, w.weekIdentifier]);

/** Drops repeated items (same identifying values), keeping the first. */
export function uniqueBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds the first candidate that is absent, or else removes the last present item. */
function toggleOne<T>(present: readonly T[], candidates: readonly T[], keyOf: (item: T) => string): T[] {
  const have = new Set(present.map(keyOf));
  const missing = candidates.find((c) => !have.has(keyOf(c)));
  return missing ? [...present, structuredClone(missing)] : present.slice(0, -1);
}

/**
 * Only a child collection differs: one grading period added or removed (or, when the target has
 * no grading periods, one academic week). Throws when the refs have neither, so the spec can
 * skip with that reason.
 */
export function withChildChange(payload: SessionPayload, refs: SessionRefs): SessionPayload {
  const copy = structuredClone(payload);
  if (refs.gradingPeriods.length > 0) {
    const present = (payload.gradingPeriods ?? []).map((i) => i.gradingPeriodReference);
    const next = toggleOne(present, uniqueBy(refs.gradingPeriods, gradingPeriodKey), gradingPeriodKey);
    copy.gradingPeriods = next.map((g) => ({ gradingPeriodReference: structuredClone(g) }));
    return copy;
  }
  if (refs.academicWeeks.length > 0) {
    const present = (payload.academicWeeks ?? []).map((i) => i.academicWeekReference);
    const next = toggleOne(present, uniqueBy(refs.academicWeeks, academicWeekKey), academicWeekKey);
    copy.academicWeeks = next.map((w) => ({ academicWeekReference: structuredClone(w) }));
    return copy;
  }
  throw new Error('withChildChange: the target has no grading periods and no academic weeks for this school');
}
