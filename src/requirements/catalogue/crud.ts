// Requirements of the 'crud' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const crudRequirements: Requirement[] = [];
