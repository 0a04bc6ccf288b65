// The full requirement catalogue: one explicit list of per-concern files, so a reviewer sees every
// source of requirements in one place. A concern file holds requirements of one resource and
// templates of the Ed-Fi pattern (src/requirements/templates.ts), each expanded here, in place,
// once per resource the suite knows.
import type { Requirement } from '../types.js';
import { expandCatalogue } from '../templates.js';
import { authRequirements } from './auth.js';
import { changeQueriesRequirements } from './change-queries.js';
import { crudRequirements } from './crud.js';
import { etagRequirements } from './etag.js';
import { pagingRequirements } from './paging.js';
import { snapshotsRequirements } from './snapshots.js';
import { validationRequirements } from './validation.js';

export const catalogue: Requirement[] = expandCatalogue([
  ...crudRequirements,
  ...etagRequirements,
  ...validationRequirements,
  ...authRequirements,
  ...pagingRequirements,
  ...changeQueriesRequirements,
  ...snapshotsRequirements,
]);
