// Requirements of the 'change-queries' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const changeQueriesRequirements: Requirement[] = [];
