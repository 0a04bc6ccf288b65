// ed-fi/courseOfferings as the router sees it: one handler per operation. The read side comes
// from the generic table machinery (queries/table-list.ts, queries/tracked-changes.ts) applied to
// this resource's table (table.ts); the writes are write.ts and item.ts.
import type { Handler } from '../../http/types.js';
import { listTable, tablePartitions } from '../../queries/table-list.js';
import { trackedDeletes, trackedKeyChanges } from '../../queries/tracked-changes.js';
import { courseOfferingTable, courseOfferingTracked } from './table.js';

export { deleteCourseOfferingById, getCourseOfferingById } from './item.js';
export { postCourseOffering, putCourseOffering } from './write.js';

export const listCourseOfferings: Handler = listTable(courseOfferingTable);
export const courseOfferingPartitions: Handler = tablePartitions(courseOfferingTable);
export const courseOfferingDeletes: Handler = trackedDeletes(courseOfferingTracked);
export const courseOfferingKeyChanges: Handler = trackedKeyChanges(courseOfferingTracked);
