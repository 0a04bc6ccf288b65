// The invalid-case catalogue and the odd-but-accepted cases, as data the specs iterate and the
// reports list. Ids are unique across both lists (checked by test/generators/).
import { acceptedOddCases } from './accepted-cases.js';
import { referenceCases } from './reference-cases.js';
import { requiredCases } from './required-cases.js';
import { transportCases } from './transport-cases.js';
import type { InvalidCase, Need } from './types.js';
import { valueCases } from './value-cases.js';
import type { SessionRefs } from '../types.js';
import { schemaCases, type SchemaCase } from './schema-cases.js';

export const invalidSessionCases: InvalidCase[] = [...requiredCases, ...valueCases, ...referenceCases, ...transportCases];
export { acceptedOddCases };

/** The hand-written cases of each schema that has a catalogue (sessions): generated cases with their ids are dropped. */
const HAND_WRITTEN: Readonly<Record<string, readonly InvalidCase[]>> = { edFi_session: [...invalidSessionCases, ...acceptedOddCases] };

/**
 * The generated cases of a schema (./schema-cases.ts) that its hand-written catalogue does not
 * already hold under the same id: the validation family runs these, the sessions catalogue the rest.
 */
export function generatedCasesFor(schemaName: string): SchemaCase[] {
  const handWritten = new Set((HAND_WRITTEN[schemaName] ?? []).map((c) => c.id));
  return schemaCases(schemaName).filter((c) => !handWritten.has(c.id));
}

const NEED_CHECKS: Record<Need, { met(refs: SessionRefs): boolean; missing: string }> = {
  gradingPeriods: {
    met: (r) => r.gradingPeriods.length > 0,
    missing: 'the target has no grading period for the session school and year',
  },
  academicWeeks: { met: (r) => r.academicWeeks.length > 0, missing: 'the target has no academic week for the session school' },
  other: { met: (r) => r.other !== undefined, missing: 'the target has no second school' },
  otherGradingPeriodSameYear: {
    met: (r) => (r.other?.gradingPeriods ?? []).some((g) => g.schoolYear === r.schoolYear),
    missing: 'the second school has no grading period in the session school year',
  },
  otherAcademicWeeks: { met: (r) => (r.other?.academicWeeks.length ?? 0) > 0, missing: 'the second school has no academic week' },
};

/** The needs of a case these fixtures do not meet ([] = it can run): what its skip `lacks`. */
export function missingNeeds(c: Pick<InvalidCase, 'needs'>, refs: SessionRefs): Need[] {
  return (c.needs ?? []).filter((n) => !NEED_CHECKS[n].met(refs));
}

/** Why a case cannot run against these fixtures ([] = it can). Use as the skip reason. */
export function unmetNeeds(c: Pick<InvalidCase, 'needs'>, refs: SessionRefs): string[] {
  return missingNeeds(c, refs).map((n) => NEED_CHECKS[n].missing);
}

export * from './outcomes.js';
export { schemaCases, UNKNOWN_MEMBER } from './schema-cases.js';
export type { SchemaCase, SchemaRule } from './schema-cases.js';
export type * from './types.js';
export { notUtf8Body } from './transport-cases.js';
export { usSlashDate } from './accepted-cases.js';
export { acceptableOutcomes, catalogueRows, comparesBody, encodeRequest, outcomeFor, sendCase, withRouteId } from './usage.js';
export type { CatalogueRow, EncodedRequest, RawRequester } from './usage.js';
