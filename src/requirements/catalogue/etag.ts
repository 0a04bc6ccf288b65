// Requirements of the 'etag' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const etagRequirements: Requirement[] = [];
