// Outcome shorthands used by the catalogue. The problem `type` URNs come from the suite's one
// table in src/contract/problem-types.ts (CONTRACT.md §2.2).
import { ProblemType } from '../../src/contract/problem-types.js';
import type { Outcome, WriteMethod } from './types.js';

export const validationFailed = (...paths: string[]): Outcome => ({
  status: 400,
  type: ProblemType.dataValidationFailed,
  ...(paths.length > 0 ? { paths } : {}),
});
export const badRequest = (): Outcome => ({ status: 400, type: ProblemType.badRequest });
export const unresolved = (...paths: string[]): Outcome => ({
  status: 409,
  type: ProblemType.unresolvedReference,
  ...(paths.length > 0 ? { paths } : {}),
});
export const unsupportedMediaType = (): Outcome => ({ status: 415, type: ProblemType.unsupportedMediaType });
export const authorizationDenied = (): Outcome => ({ status: 403, type: ProblemType.authorization });

/** An accepted write: 201 for a POST that creates; a PUT answers 204 instead. */
export const ACCEPTED: Outcome = { status: 201, type: '' };

export function isAccepted(outcome: Outcome): boolean {
  return outcome.status >= 200 && outcome.status < 300;
}

/** The status to expect for `method`: an accepted outcome is 201 on POST and 204 on PUT. */
export function expectedStatus(outcome: Outcome, method: WriteMethod): number {
  return isAccepted(outcome) && method === 'PUT' ? 204 : outcome.status;
}

/** The requirement a case verifies for `method`, derived from its ODS outcome unless it names one. */
export function requirementFor(
  c: { requirement?: string; expect: { 'ods-7.3': Outcome } },
  method: WriteMethod,
): string {
  if (c.requirement) return c.requirement;
  const { status } = c.expect['ods-7.3'];
  if (isAccepted(c.expect['ods-7.3'])) return method === 'POST' ? 'SES-POST-ODD-ACCEPTED' : 'SES-PUT-204-UPDATED';
  if (status === 409) return `SES-${method}-409-UNRESOLVED`;
  if (status === 415) return `SES-${method}-415-MEDIA-TYPE`;
  return `SES-${method}-400-VALIDATION`;
}
