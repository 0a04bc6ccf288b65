// The fault catalogue: one explicit list, family by family (files in ./families/). No discovery by
// scanning: a reviewer sees every fault the self-test runs from here.
import { authFaults } from './families/auth.js';
import { changeQueryFaults } from './families/change-queries.js';
import { courseOfferingFaults } from './families/course-offerings.js';
import { courseOfferingDependentFaults } from './families/course-offerings-dependents.js';
import { courseOfferingListFaults } from './families/course-offerings-lists.js';
import { courseOfferingAuthFaults } from './families/course-offerings-auth.js';
import { courseOfferingValidationFaults } from './families/course-offerings-validation.js';
import { courseOfferingTrackedFaults } from './families/course-offerings-tracked.js';
import { courseOfferingPagingFaults, courseOfferingTrackedChange500Faults } from './families/course-offerings-paging.js';
import { cursorFaults } from './families/cursor.js';
import { consistencyFaults } from './families/consistency.js';
import { etagFaults } from './families/etag.js';
import { filterFaults } from './families/filters.js';
import { pagingFaults } from './families/paging.js';
import { problemFaults } from './families/problems.js';
import { schemaFaults } from './families/schema.js';
import { semanticsFaults } from './families/semantics.js';
import { snapshotFaults } from './families/snapshots.js';
import { http500Faults, statusSwapFaults } from './families/status.js';
import { tokenFaults } from './families/tokens.js';
import { validationFaults } from './families/validation.js';
import type { Fault } from './types.js';

export const faults: Fault[] = [
  ...statusSwapFaults,
  ...http500Faults,
  ...etagFaults,
  ...pagingFaults,
  ...filterFaults,
  ...cursorFaults,
  ...changeQueryFaults,
  ...snapshotFaults,
  ...authFaults,
  ...tokenFaults,
  ...validationFaults,
  ...semanticsFaults,
  ...schemaFaults,
  ...problemFaults,
  ...consistencyFaults,
  ...courseOfferingFaults,
  ...courseOfferingListFaults,
  ...courseOfferingAuthFaults,
  ...courseOfferingValidationFaults,
  ...courseOfferingPagingFaults,
  ...courseOfferingTrackedFaults,
  ...courseOfferingTrackedChange500Faults,
  ...courseOfferingDependentFaults,
];

export function findFault(id: string): Fault | undefined {
  return faults.find((fault) => fault.id === id);
}
