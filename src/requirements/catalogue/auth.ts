// Requirements of the 'auth' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const authRequirements: Requirement[] = [];
