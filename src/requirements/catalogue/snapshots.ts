// Requirements of the 'snapshots' concern. Owned by the specs that cite them.
import type { Requirement } from '../types.js';

export const snapshotsRequirements: Requirement[] = [];
