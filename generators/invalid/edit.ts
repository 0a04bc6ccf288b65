// Small helpers the catalogue uses to break a copy of a valid payload. They never edit the
// payload they are given (the catalogue tests check that).
import { SESSION_NAME_MAX_LENGTH, descriptorNamespace } from '../../src/contract/session-schema.js';
import type { GradingPeriodRef, SessionPayload, SessionRefs } from '../types.js';

// `any` on purpose: the catalogue writes values of the wrong type into these drafts.
export type Draft = Record<string, any>;

/** A deep copy of `valid` changed by `change`. */
export function edited(valid: object, change: (draft: Draft) => void): Draft {
  const draft = structuredClone(valid) as unknown as Draft;
  change(draft);
  return draft;
}

/** The payload without one top-level member. */
export function without(valid: SessionPayload, key: string): Draft {
  return edited(valid, (d) => {
    delete d[key];
  });
}

/** The payload with one top-level member replaced. */
export function withMember(valid: SessionPayload, key: string, value: unknown): Draft {
  return edited(valid, (d) => {
    d[key] = value;
  });
}

/** The payload with its child collections emptied, so no child can add a second reason. */
export function childless(valid: SessionPayload): Draft {
  return edited(valid, (d) => {
    d.gradingPeriods = [];
    d.academicWeeks = [];
  });
}

/** The payload with exactly these grading periods and no academic weeks. */
export function withGradingPeriods(valid: SessionPayload, gradingPeriods: unknown[]): Draft {
  return edited(valid, (d) => {
    d.gradingPeriods = gradingPeriods.map((g) => ({ gradingPeriodReference: g }));
    d.academicWeeks = [];
  });
}

/** The payload with exactly these academic weeks and no grading periods. */
export function withAcademicWeeks(valid: SessionPayload, academicWeeks: unknown[]): Draft {
  return edited(valid, (d) => {
    d.academicWeeks = academicWeeks.map((w) => ({ academicWeekReference: w }));
    d.gradingPeriods = [];
  });
}

export function firstGradingPeriod(refs: SessionRefs): GradingPeriodRef {
  const first = refs.gradingPeriods[0];
  if (!first) throw new Error('this case needs a grading period of the session school and year (needs: gradingPeriods)');
  return { ...first };
}

/** A string of exactly `length` characters that starts with `start`. */
export function padTo(start: string, length: number, filler = 'z'): string {
  return (start + filler.repeat(Math.max(length - start.length, 0))).slice(0, length);
}

/** A well-formed descriptor in the same namespace as `existing` whose code value exists nowhere. */
export function unknownDescriptorLike(existing: string, code = 'Conformance Nonexistent Code'): string {
  return `${descriptorNamespace(existing)}#${code}`;
}

export const TOO_LONG_SESSION_NAME_LENGTH = SESSION_NAME_MAX_LENGTH + 1;

/**
 * Ids that no target is expected to hold: a school id inside the int32 range (some targets store
 * EducationOrganizationId as INT) and a school year before any Ed-Fi data.
 */
export const UNKNOWN_SCHOOL_ID = 1_999_999_901;
export const UNKNOWN_SCHOOL_YEAR = 1901;
