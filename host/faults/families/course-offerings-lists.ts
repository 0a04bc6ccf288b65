// Course-offering list faults: vendor deviations of ed-fi/courseOfferings' reads that the families
// filters, list-conditional and snapshots must catch for this resource on its own (GET-many
// filters, the list's ETag and If-None-Match, Use-Snapshot on every read). Each acts through
// request/response hooks scoped to the course-offering paths (course-offerings.ts matchers),
// never through a handler, and leaves sessions alone.
import { createHash } from 'node:crypto';
import type { HostRequest } from '../../http/types.js';
import type { Fault } from '../types.js';
import { courseOfferingOperationOf, courseOfferingsPathOf } from './course-offerings.js';
import { intParam, problemBody, withoutRequestHeader, withQuery, withResponseHeader } from './match.js';

/** A GET of a course-offering read: the collection, an item, /partitions, /deletes or /keyChanges. */
type CoRead = 'list' | 'item' | 'partitions' | 'deletes' | 'keyChanges';

function coReadOf(req: HostRequest): CoRead | undefined {
  if (req.method.toUpperCase() !== 'GET') return undefined;
  const tail = courseOfferingsPathOf(req);
  if (tail === undefined) return undefined;
  if (tail === '') return 'list';
  const lower = tail.toLowerCase();
  if (lower === 'partitions') return 'partitions';
  if (lower === 'deletes') return 'deletes';
  if (lower === 'keychanges') return 'keyChanges';
  return courseOfferingOperationOf(req) === 'GetCourseOfferingsById' ? 'item' : undefined;
}

const isCoRead = (req: HostRequest, ...reads: CoRead[]): boolean => {
  const read = coReadOf(req);
  return read !== undefined && reads.includes(read);
};

const hasSnapshotHeader = (req: HostRequest): boolean => req.headers['use-snapshot'] !== undefined;

/** The offering's own filterable scalars (its isolation members in the suite). */
const OFFERING_FILTERS = ['instructionalTimePlanned', 'localCourseTitle'];

const SNAPSHOT_READ_REQUIREMENTS = ['CO-GET-404-SNAPSHOT', 'CO-GETID-404-SNAPSHOT', 'CO-PART-404-SNAPSHOT', 'CO-DELETES-404-SNAPSHOT', 'CO-KEYCHG-404-SNAPSHOT'];

// ---- CoListEtagFromQuery: the list's ETag names the request, not the content --------------
// GET-many of course offerings answers with an ETag hashed from its query string, and answers 304
// to an If-None-Match naming that value: a response cache keyed by URL, so a client never sees an
// offering added to the list it already read.
const queryEtag = (req: HostRequest): string => `"q${createHash('sha256').update(req.query.toString()).digest('base64url').slice(0, 26)}"`;
const bare = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

export const courseOfferingListFaults: Fault[] = [
  {
    id: 'CoSchoolYearFilterIgnored',
    description: 'GET-many of course offerings ignores the schoolYear query parameter (every school year is listed).',
    models: "A query layer that maps schoolYear onto sessions' schoolYearTypeReference only and silently drops it on resources where it sits in sessionReference.",
    violates: ['CO-GET-200-LIST'],
    onRequest: (req) => (isCoRead(req, 'list') && req.query.has('schoolYear') ? withQuery(req, (q) => q.delete('schoolYear')) : req),
  },
  {
    id: 'CoFiltersDroppedOnLaterPages',
    description: 'GET-many of course offerings applies instructionalTimePlanned and localCourseTitle to the first page only; pages by offset or pageToken ignore them.',
    models: "A paging helper for this resource that rebuilds the query of later pages from the paging parameters and the key filters alone, forgetting the offering's own scalar filters.",
    // Only the filter checks are sure to see it: a walk of a small collection whose first items are
    // the check's own reads the same with or without the filter.
    violates: ['CO-GET-FILTERS-EVERY-PAGE'],
    onRequest: (req) =>
      isCoRead(req, 'list') && ((intParam(req.query, 'offset') ?? 0) > 0 || req.query.has('pageToken'))
        ? withQuery(req, (q) => OFFERING_FILTERS.forEach((name) => q.delete(name)))
        : req,
  },
  {
    id: 'CoListEtagFromQuery',
    description: 'GET-many of course offerings carries an ETag hashed from the query string and answers 304 to it, whatever the list holds now.',
    models: 'A response cache in front of the list keyed by URL, whose validator does not change when an offering is added.',
    violates: ['CO-GET-304-LIST-ETAG'],
    onRequest: (req) => {
      const ifNoneMatch = isCoRead(req, 'list') ? req.headers['if-none-match'] : undefined;
      if (ifNoneMatch === undefined || hasSnapshotHeader(req)) return req;
      const etag = queryEtag(req);
      return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag)) ? { status: 304, headers: { ETag: etag } } : withoutRequestHeader(req, 'if-none-match');
    },
    onResponse: (req, res) => (isCoRead(req, 'list') && res.status === 200 ? withResponseHeader(res, 'ETag', queryEtag(req)) : res),
  },
  {
    id: 'CoTrackedListIfNoneMatchIgnored',
    description: "Course offerings' /deletes and /keyChanges send an ETag but ignore If-None-Match (always 200 with the body).",
    models: "Conditional GET wired into the resource's main list only, while the change-query controllers still stamp their answers with an ETag.",
    violates: ['CO-DELETES-304-ETAG', 'CO-KEYCHG-304-ETAG'],
    onRequest: (req) => (isCoRead(req, 'deletes', 'keyChanges') ? withoutRequestHeader(req, 'if-none-match') : req),
  },
  {
    id: 'CoUseSnapshotIgnored',
    description: 'Every read of course offerings ignores Use-Snapshot and serves live data, even when no snapshot exists.',
    models: 'A resource added after snapshot support whose read paths never got the snapshot connection selector, so they always read the live database.',
    violates: [...SNAPSHOT_READ_REQUIREMENTS, 'CO-SNAP-ISOLATION'],
    onRequest: (req) => (coReadOf(req) !== undefined && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req),
  },
  {
    id: 'CoSnapshotIgnoredOnChangeQueries',
    description: "Course offerings' /deletes and /keyChanges ignore Use-Snapshot (live data, 200); GET-many, by id and /partitions honour it.",
    models: "A snapshot filter attached to the resource's controller but not to its change-query controller.",
    violates: ['CO-DELETES-404-SNAPSHOT', 'CO-KEYCHG-404-SNAPSHOT'],
    onRequest: (req) => (isCoRead(req, 'deletes', 'keyChanges') && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req),
  },
  {
    id: 'CoSnapshotNotFoundUnexplained',
    description: 'A course-offering read with Use-Snapshot and no snapshot answers the generic 404 ("The specified data could not be found.") without saying the snapshot is missing.',
    models: "A missing snapshot connection reported through this resource's generic not-found path, so clients think the offerings are gone.",
    violates: SNAPSHOT_READ_REQUIREMENTS,
    onResponse: (req, res) => {
      const body = problemBody(res);
      if (coReadOf(req) === undefined || !hasSnapshotHeader(req) || res.status !== 404 || !/snapshot/i.test(JSON.stringify([body?.detail, body?.errors]))) return res;
      const { errors: _dropped, ...rest } = body ?? {};
      return { ...res, body: { ...rest, detail: 'The specified data could not be found.' } };
    },
  },
];
