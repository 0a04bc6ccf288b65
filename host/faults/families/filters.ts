// Query-filter faults (CONTRACT.md §1.3, §4): a host that filters GET-many on a resource's own
// scalar fields but refuses filters on reference fields (schoolId, schoolYear,
// educationOrganizationId, …), on every resource, sessions and their dependencies alike.
import { badRequest } from '../../http/problems.js';
import type { HostRequest } from '../../http/types.js';
import type { Fault } from '../types.js';
import { isCollectionRead } from './match.js';

/** Query parameters that name a field of a reference: an `…Id` other than the resource id, or a
 * school year (schoolYearTypeReference). */
function referenceParameter(req: HostRequest): string | undefined {
  return [...req.query.keys()].find((name) => (/Id$/.test(name) && name.toLowerCase() !== 'id') || name.toLowerCase() === 'schoolyear');
}

export const filterFaults: Fault[] = [
  {
    id: 'ReferenceFiltersRefused',
    description: 'GET-many of any resource with a reference-field query parameter (?schoolId=, ?schoolYear=, ?educationOrganizationId=) answers 400.',
    models: 'A host whose query layer indexes only the scalar columns of each resource, so filters on the fields of a reference are rejected as unknown parameters (as some independent Ed-Fi API implementations do).',
    // Course offerings' reference filters (schoolId, schoolYear, sessionName) are refused too. The
    // every-page walks filter on isolation members only, so this fault cannot fail them.
    violates: ['SES-GET-200-LIST', 'CO-GET-200-LIST'],
    // Dropping filters on later pages cannot show when the first filtered page is already refused.
    incompatibleWith: ['FiltersDroppedOnLaterPages'],
    onRequest: (req) => {
      const name = isCollectionRead(req) ? referenceParameter(req) : undefined;
      return name === undefined ? req : badRequest(req.correlationId, `The query parameter '${name}' is not supported: filtering on reference fields is not available.`);
    },
  },
];
