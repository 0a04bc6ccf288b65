// Course-offering tracked-change faults: vendor deviations confined to GET
// /ed-fi/courseOfferings/deletes and /keyChanges and to what course-offering writes do to
// availableChangeVersions, so the kill matrix proves the checks the families "tracked-changes",
// "deletes", "key-changes" and "version-raise" expand for course offerings (CO- requirements) can
// fail on their own. Each acts through request/response hooks scoped to those paths (or, for the
// change versions, to course-offering writes), never through a handler; the sessions change-query
// faults (./change-queries.ts) leave course offerings alone. State a fault needs across requests
// (items it has listed, session renames it has seen) lives in its perHost hooks.
import { problem } from '../../http/problem.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks } from '../types.js';
import { courseOfferingsPathOf } from './course-offerings.js';
import {
  hasProblemType,
  idFromLocation,
  idFromPath,
  intParam,
  isAvailableChangeVersions,
  isOperation,
  isPlainObject,
  problemBody,
  requestJson,
  responseJson,
  withoutResponseHeader,
  withQuery,
} from './match.js';

type TrackedList = 'deletes' | 'keychanges';

/** Which tracked-change list of course offerings a GET addresses, if any. */
function coTrackedListOf(req: HostRequest): TrackedList | undefined {
  if (req.method.toUpperCase() !== 'GET') return undefined;
  const tail = courseOfferingsPathOf(req)?.toLowerCase();
  return tail === 'deletes' || tail === 'keychanges' ? tail : undefined;
}

const isCoTracked = (req: HostRequest, ...lists: TrackedList[]): boolean => {
  const list = coTrackedListOf(req);
  return list !== undefined && (lists.length === 0 || lists.includes(list));
};

/** A course-offering write: POST to the collection, PUT or DELETE by id. */
function isCoWrite(req: HostRequest, res: HostResponse): boolean {
  const tail = courseOfferingsPathOf(req);
  if (tail === undefined || res.status >= 300) return false;
  const method = req.method.toUpperCase();
  if (tail === '') return method === 'POST';
  return !tail.includes('/') && !['deletes', 'keychanges', 'partitions'].includes(tail.toLowerCase()) && (method === 'PUT' || method === 'DELETE');
}

type Item = Record<string, unknown>;

/** The items of a 200 tracked-change answer, edited (a copy of each). */
function editItems(res: HostResponse, edit: (items: Item[]) => unknown[]): HostResponse {
  const body = responseJson(res);
  if (res.status !== 200 || !Array.isArray(body)) return res;
  return { ...res, body: edit(body.filter(isPlainObject).map((item) => ({ ...item }))) };
}

function shiftBound(list: TrackedList, name: 'minChangeVersion' | 'maxChangeVersion', by: number) {
  return (req: HostRequest): HostRequest => {
    const value = intParam(req.query, name);
    return isCoTracked(req, list) && value !== undefined ? withQuery(req, (q) => q.set(name, String(value + by))) : req;
  };
}

/** An empty list where the host refused (401/403): the endpoint served without the check that refuses. */
const servedEmpty = (): HostResponse => ({ status: 200, body: [], contentType: 'application/json; charset=utf-8' });

// ---- CoDeletesListRecreated: a delete stays listed after its key exists again ---------------
function keepListingDeletes(): FaultHooks {
  const seen = new Map<string, Item>();
  const inWindow = (req: HostRequest, item: Item): boolean => {
    const version = Number(item.changeVersion);
    const min = intParam(req.query, 'minChangeVersion');
    const max = intParam(req.query, 'maxChangeVersion');
    return (min === undefined || version >= min) && (max === undefined || version <= max);
  };
  return {
    onResponse: (req, res) => {
      if (!isCoTracked(req, 'deletes') || req.headers['use-snapshot'] !== undefined) return res;
      return editItems(res, (items) => {
        for (const item of items) if (typeof item.id === 'string') seen.set(item.id, item);
        const present = new Set(items.map((item) => item.id));
        const missing = [...seen.values()].filter((item) => !present.has(item.id) && inWindow(req, item));
        return [...items, ...missing].sort((a, b) => Number(a.changeVersion) - Number(b.changeVersion));
      });
    },
  };
}

// ---- CoKeyChangesOldKeysFromLastChange: a collapsed item takes its old keys from the last row --
// The session names each session id has had (learnt from POST and PUT bodies), so a collapsed
// offering item whose session was renamed A → B → C can be shown as B → C, as a host that reads
// both the old and the new keys from the window's last tracked row would.
function oldKeysFromLastChange(): FaultHooks {
  const names = new Map<string, string[]>();
  const learn = (req: HostRequest, res: HostResponse): void => {
    const id = isOperation(req, 'PostSession') && res.status === 201 ? idFromLocation(res) : isOperation(req, 'PutSession') && res.status === 204 ? idFromPath(req)?.toLowerCase() : undefined;
    const body = requestJson(req);
    if (id === undefined || !isPlainObject(body) || typeof body.sessionName !== 'string') return;
    const history = names.get(id.toLowerCase()) ?? [];
    if (history[history.length - 1] !== body.sessionName) names.set(id.toLowerCase(), [...history, body.sessionName]);
  };
  const previous = (from: unknown, to: unknown): string | undefined => {
    for (const history of names.values()) {
      const a = history.indexOf(String(from));
      const b = history.lastIndexOf(String(to));
      if (a >= 0 && b - a >= 2) return history[b - 1];
    }
    return undefined;
  };
  return {
    onResponse: (req, res) => {
      learn(req, res);
      if (!isCoTracked(req, 'keychanges')) return res;
      return editItems(res, (items) =>
        items.map((item) => {
          const oldKeys = isPlainObject(item.oldKeyValues) ? item.oldKeyValues : undefined;
          const newKeys = isPlainObject(item.newKeyValues) ? item.newKeyValues : undefined;
          const last = oldKeys && newKeys ? previous(oldKeys.sessionName, newKeys.sessionName) : undefined;
          return last === undefined ? item : { ...item, oldKeyValues: { ...oldKeys, sessionName: last } };
        }),
      );
    },
  };
}

// ---- CoChangeVersionFromSessionsOnly: course-offering writes are not counted -----------------
function sessionsOnlyNewest(): FaultHooks {
  let coWrites = 0;
  return {
    onResponse: (req, res) => {
      if (isCoWrite(req, res)) coWrites += 1;
      if (!isAvailableChangeVersions(req) || coWrites === 0) return res;
      const body = responseJson(res);
      if (!isPlainObject(body) || typeof body.newestChangeVersion !== 'number') return res;
      return { ...res, body: { ...body, newestChangeVersion: body.newestChangeVersion - coWrites } };
    },
  };
}

// ---- CoCascadeKeepsChangeVersion: a cascaded key change leaves the offering's version ----------
// Which session name each offering and each session has (from POST and PUT bodies); a session
// rename marks its offerings as cascaded without a new change version, so a GET-many of offerings
// with minChangeVersion leaves them out until a direct write of the offering moves it again.
function cascadeKeepsChangeVersion(): FaultHooks {
  const sessionNames = new Map<string, string>();
  const offeringSession = new Map<string, string>();
  const stale = new Set<string>();
  const norm = (id: string): string => id.replace(/-/g, '').toLowerCase();
  const nameIn = (body: unknown, path: 'session' | 'offering'): string | undefined => {
    if (!isPlainObject(body)) return undefined;
    const name = path === 'session' ? body.sessionName : isPlainObject(body.sessionReference) ? body.sessionReference.sessionName : undefined;
    return typeof name === 'string' ? name : undefined;
  };
  return {
    onResponse: (req, res) => {
      const body = requestJson(req);
      const sessionId = isOperation(req, 'PostSession') && res.status === 201 ? idFromLocation(res) : isOperation(req, 'PutSession') && res.status === 204 ? idFromPath(req) : undefined;
      const sessionName = nameIn(body, 'session');
      if (sessionId !== undefined && sessionName !== undefined) {
        const before = sessionNames.get(norm(sessionId));
        sessionNames.set(norm(sessionId), sessionName);
        if (before !== undefined && before !== sessionName) {
          for (const [offering, name] of offeringSession) {
            if (name !== before) continue;
            offeringSession.set(offering, sessionName);
            stale.add(offering);
          }
        }
      }
      const tail = courseOfferingsPathOf(req);
      const method = req.method.toUpperCase();
      if (tail !== undefined && res.status < 300 && ((tail === '' && method === 'POST') || (tail !== '' && !tail.includes('/') && method === 'PUT'))) {
        const id = tail === '' ? idFromLocation(res) : tail;
        const name = nameIn(body, 'offering');
        if (id !== undefined && name !== undefined) {
          offeringSession.set(norm(id), name);
          stale.delete(norm(id));
        }
      }
      if (tail !== '' || method !== 'GET' || intParam(req.query, 'minChangeVersion') === undefined || stale.size === 0) return res;
      return editItems(res, (items) => items.filter((item) => typeof item.id !== 'string' || !stale.has(norm(item.id))));
    },
  };
}

export const courseOfferingTrackedFaults: Fault[] = [
  {
    id: 'CoDeletesNotTracked',
    description: 'GET /courseOfferings/deletes always answers an empty array: deleted course offerings are not recorded.',
    models: 'The tracked-change delete trigger generated for the core tables but missing on the course offering table.',
    violates: ['CO-DELETES-200'],
    onResponse: (req, res) => (isCoTracked(req, 'deletes') ? editItems(res, () => []) : res),
  },
  {
    id: 'CoDeletesKeyValuesWithoutSession',
    description: 'Course-offering /deletes items carry keyValues with localCourseCode and schoolId only, without the session\'s schoolYear and sessionName.',
    models: 'A keyValues projection built from the offering\'s own identity columns, leaving out those that come through its session reference.',
    violates: ['CO-DELETES-200', 'CO-DELETES-SAME-KEY-TWICE'],
    onResponse: (req, res) =>
      isCoTracked(req, 'deletes')
        ? editItems(res, (items) => items.map((item) => (isPlainObject(item.keyValues) ? { ...item, keyValues: { localCourseCode: item.keyValues.localCourseCode, schoolId: item.keyValues.schoolId } } : item)))
        : res,
  },
  {
    id: 'CoDeletesListRecreated',
    description: 'Course-offering /deletes keeps listing a deleted offering after its natural key has been created again.',
    models: 'A tracked-deletes query for course offerings missing the NOT EXISTS against the live table that hides re-created keys.',
    violates: ['CO-DELETES-RECREATED'],
    perHost: keepListingDeletes,
  },
  {
    id: 'CoDeletesCollapseSameKey',
    description: 'Course-offering /deletes lists one item per natural key: a key deleted twice shows only its latest delete.',
    models: 'A tracked-deletes query that groups by the old natural key instead of listing every deleted resource id.',
    violates: ['CO-DELETES-SAME-KEY-TWICE'],
    onResponse: (req, res) =>
      isCoTracked(req, 'deletes')
        ? editItems(res, (items) => {
            const latest = new Map<string, Item>();
            for (const item of items) latest.set(JSON.stringify(item.keyValues ?? item.id), item);
            return items.filter((item) => latest.get(JSON.stringify(item.keyValues ?? item.id)) === item);
          })
        : res,
  },
  {
    id: 'CoKeyChangesNotCascaded',
    description: 'GET /courseOfferings/keyChanges stays empty when a session rename cascades into course offerings.',
    models: 'A key-change trigger that fires on direct updates of the course offering only, not on the ON UPDATE CASCADE from its session.',
    violates: ['CO-KEYCHG-200'],
    onResponse: (req, res) => (isCoTracked(req, 'keychanges') ? editItems(res, () => []) : res),
  },
  {
    id: 'CoKeyChangesOldKeysFromLastChange',
    description: 'A collapsed course-offering /keyChanges item takes its oldKeyValues from the last key change in the window, not the first.',
    models: 'A key-changes query that joins the window\'s last tracked row for both the old and the new keys instead of the first row for the old ones.',
    violates: ['CO-KEYCHG-COLLAPSE'],
    perHost: oldKeysFromLastChange,
  },
  {
    id: 'CoDeletesMaxChangeVersionExclusive',
    description: 'Course-offering /deletes treats maxChangeVersion as exclusive.',
    models: 'A `<` written for `<=` in the course offering\'s tracked-deletes query.',
    violates: ['CO-DELETES-CV-MIN-MAX'],
    onRequest: shiftBound('deletes', 'maxChangeVersion', -1),
  },
  {
    id: 'CoKeyChangesMinChangeVersionExclusive',
    description: 'Course-offering /keyChanges treats minChangeVersion as exclusive.',
    models: 'A `>` written for `>=` in the course offering\'s tracked-key-changes query.',
    violates: ['CO-KEYCHG-CV-MIN-MAX'],
    onRequest: shiftBound('keychanges', 'minChangeVersion', 1),
  },
  {
    id: 'CoTrackedTotalCountIgnored',
    description: 'Course-offering /deletes and /keyChanges ignore totalCount=true: no Total-Count header.',
    models: 'totalCount wired into the sessions change-query endpoints only.',
    violates: ['CO-DELETES-TOTAL-COUNT', 'CO-KEYCHG-TOTAL-COUNT'],
    onResponse: (req, res) => (isCoTracked(req) ? withoutResponseHeader(res, 'Total-Count') : res),
  },
  {
    id: 'CoTrackedNegativePagingAccepted',
    description: 'Course-offering /deletes and /keyChanges treat a negative limit as absent and a negative offset as 0 instead of refusing them.',
    models: 'Change-query endpoints that clamp paging values instead of validating them like the ODS request extensions do.',
    violates: ['CO-DELETES-400-PAGING', 'CO-KEYCHG-400-PAGING'],
    onRequest: (req) => {
      if (!isCoTracked(req)) return req;
      const limit = intParam(req.query, 'limit');
      const offset = intParam(req.query, 'offset');
      if ((limit ?? 0) >= 0 && (offset ?? 0) >= 0) return req;
      return withQuery(req, (q) => {
        if ((limit ?? 0) < 0) q.delete('limit');
        if ((offset ?? 0) < 0) q.set('offset', '0');
      });
    },
  },
  {
    id: 'CoTrackedServedWithoutToken',
    description: 'Course-offering /deletes and /keyChanges answer 200 with an empty list to a request without a usable token.',
    models: 'Change-query routes of a newly added resource registered outside the authenticated route group, answering what an anonymous caller may see: nothing.',
    violates: ['CO-DELETES-401-UNAUTHENTICATED', 'CO-KEYCHG-401-UNAUTHENTICATED'],
    onResponse: (req, res) => (isCoTracked(req) && res.status === 401 ? servedEmpty() : res),
  },
  {
    id: 'CoTrackedWithoutClaimCheck',
    description: 'Course-offering /deletes and /keyChanges answer 200 with an empty list to a client without a claim on course offerings.',
    models: 'Change queries authorized by the education-organization filter alone, not by the resource claim, so an unclaimed client reads an empty list.',
    violates: ['CO-DELETES-403-NO-CLAIM', 'CO-KEYCHG-403-NO-CLAIM'],
    onResponse: (req, res) => (isCoTracked(req) && res.status === 403 ? servedEmpty() : res),
  },
  {
    id: 'CoTrackedDisabledAnswersNotFound',
    description: 'With change queries disabled, course-offering /deletes and /keyChanges answer a generic 404 not-found instead of feature-disabled.',
    models: 'The course offering\'s change-query routes left unregistered when the feature is off, so the router reports an unknown path.',
    violates: ['CO-CQ-DISABLED-DELETES', 'CO-CQ-DISABLED-KEYCHG'],
    onResponse: (req, res) =>
      isCoTracked(req) && hasProblemType(res, 'urn:ed-fi:api:system:configuration:feature-disabled')
        ? problem({ status: 404, type: 'urn:ed-fi:api:not-found', title: 'Not Found', detail: 'The specified data could not be found.', correlationId: String(problemBody(res)?.correlationId ?? req.correlationId) })
        : res,
  },
  {
    id: 'CoCascadeKeepsChangeVersion',
    description: 'A session rename cascaded into its course offerings leaves their change version as it was: GET-many with minChangeVersion from the rename on does not list them.',
    models: 'An ON UPDATE CASCADE that rewrites the offering\'s key columns with the change-version trigger disabled for the cascade (session_replication_role = replica during the rename).',
    violates: ['CO-GET-CV-KEY-CHANGE-CASCADE'],
    perHost: cascadeKeepsChangeVersion,
  },
  {
    id: 'CoChangeVersionFromSessionsOnly',
    description: 'newestChangeVersion does not rise when a course offering is created, updated or deleted.',
    models: 'availableChangeVersions computed from the sessions tables only (the first resource wired into change queries), so other resources\' writes are not counted.',
    violates: ['CO-ACV-RAISE-CREATE', 'CO-ACV-RAISE-UPDATE', 'CO-ACV-RAISE-DELETE'],
    perHost: sessionsOnlyNewest,
  },
];
