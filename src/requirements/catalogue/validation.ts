// Requirements of the 'validation' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const validationRequirements: Requirement[] = [];
