// Requirements of the 'paging' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const pagingRequirements: Requirement[] = [];
