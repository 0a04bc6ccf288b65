// Course-offering faults about its dependents: a section references a course offering (the host's
// minimal ed-fi/sections, routes/sections/), so the offering's DELETE must answer 409
// dependent-item-exists and keep the offering. Killed by CO-DELETE-409-DEPENDENT (the delete
// family's template over the descriptor's delete-blocking dependent). Hooks only, scoped to the
// course-offering and section paths, as the other course-offering faults.
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks, FaultScope } from '../types.js';
import { courseOfferingOperationOf } from './course-offerings.js';
import { hasProblemType, idFromLocation, isPlainObject, requestJson, responseJson, systemError, withoutRequestHeader } from './match.js';

const DEPENDENT_ITEM_EXISTS = 'urn:ed-fi:api:data-conflict:dependent-item-exists';
const SECTIONS_PATH = '/data/v3/ed-fi/sections';

const isSectionPost = (req: HostRequest): boolean =>
  req.method.toUpperCase() === 'POST' && req.path.replace(/\/+$/, '').toLowerCase() === SECTIONS_PATH.toLowerCase();

const isOfferingDelete = (req: HostRequest): boolean => courseOfferingOperationOf(req) === 'DeleteCourseOfferingById';

/** The four members of a course offering's key, as one string ('code|school|year|session'). */
function offeringKey(value: Record<string, unknown>): string {
  return [value.localCourseCode, value.schoolId, value.schoolYear, value.sessionName].map(String).join('|');
}

// ---- CoDeleteCascadesToSections: the offering goes, and its sections with it ---------------
// The host remembers every section it created (from the POST body and its Location). A DELETE of a
// course offering first deletes, through the host itself, each section that references it, so the
// offering's own DELETE then answers 204: as a host whose foreign key from section to course
// offering is ON DELETE CASCADE would.
function deleteCascadesToSections({ inner }: FaultScope): FaultHooks {
  const sectionsByOffering = new Map<string, Set<string>>();
  const pending = new WeakMap<HostRequest, string>();
  return {
    onRequest: async (req): Promise<HostRequest | HostResponse> => {
      if (isSectionPost(req)) {
        const body = requestJson(req);
        const ref = isPlainObject(body) && isPlainObject(body.courseOfferingReference) ? body.courseOfferingReference : undefined;
        if (ref) pending.set(req, offeringKey(ref));
        return req;
      }
      if (!isOfferingDelete(req)) return req;
      const read = await inner({ ...withoutRequestHeader(withoutRequestHeader(req, 'if-match'), 'content-type'), method: 'GET', body: Buffer.alloc(0) });
      const offering = responseJson(read);
      if (read.status !== 200 || !isPlainObject(offering) || !isPlainObject(offering.sessionReference)) return req;
      const key = offeringKey({ ...offering.sessionReference, localCourseCode: offering.localCourseCode });
      for (const sectionId of sectionsByOffering.get(key) ?? []) {
        const path = `${SECTIONS_PATH}/${sectionId}`;
        await inner({ ...withoutRequestHeader(withoutRequestHeader(req, 'if-match'), 'content-type'), path, method: 'DELETE', body: Buffer.alloc(0) });
      }
      sectionsByOffering.delete(key);
      return req;
    },
    onResponse: (req, res): HostResponse => {
      const key = pending.get(req);
      const id = key === undefined ? undefined : idFromLocation(res);
      if (key !== undefined && id !== undefined && (res.status === 201 || res.status === 200)) {
        let ids = sectionsByOffering.get(key);
        if (!ids) sectionsByOffering.set(key, (ids = new Set()));
        ids.add(id);
      }
      return res;
    },
  };
}

export const courseOfferingDependentFaults: Fault[] = [
  {
    id: 'CoDependentDeleteAnswers500',
    description: 'DELETE of a course offering a section references answers 500 instead of 409 dependent-item-exists.',
    models: 'The foreign-key violation from edfi.Section escaping untranslated as an unhandled error, for this resource only.',
    violates: ['CO-DELETE-409-DEPENDENT'],
    onResponse: (req, res) => (isOfferingDelete(req) && hasProblemType(res, DEPENDENT_ITEM_EXISTS) ? systemError(req) : res),
  },
  {
    id: 'CoDeleteCascadesToSections',
    description: 'DELETE of a course offering a section references answers 204 and deletes the offering and its sections.',
    models: 'A foreign key from section to course offering declared ON DELETE CASCADE, so a referenced offering takes its sections with it instead of being refused.',
    violates: ['CO-DELETE-409-DEPENDENT'],
    perHost: deleteCascadesToSections,
  },
];
