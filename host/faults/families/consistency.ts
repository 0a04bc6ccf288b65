// Consistency faults: a host whose reads lag its writes, as one backed by an eventually consistent
// store or a read replica does. Per-host state: the fault remembers what was deleted, and when.
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks, FaultScope } from '../types.js';
import { idFromPath, intParam, isOperation, isPlainObject, responseHeader, responseJson, withoutRequestHeader } from './match.js';

/** How long a deleted session stays visible to reads. */
export const DELETED_VISIBLE_FOR_MS = 800;

/** GET-many parameters that are not filters on the items' fields. */
const NOT_FILTERS = new Set(['limit', 'offset', 'totalcount', 'pagetoken', 'pagesize', 'minchangeversion', 'maxchangeversion']);

interface Ghost {
  body: Record<string, unknown>;
  etag?: string;
  until: number;
}

/** The item's value for a filter: a top-level field, or a field of one of its references. */
function fieldValue(item: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(item)) {
    if (key.toLowerCase() === lower) return value;
    if (isPlainObject(value)) {
      const nested = Object.entries(value).find(([k]) => k.toLowerCase() === lower);
      if (nested) return nested[1];
    }
  }
  return undefined;
}

function matchesFilters(item: Record<string, unknown>, query: URLSearchParams): boolean {
  for (const [name, wanted] of query) {
    if (NOT_FILTERS.has(name.toLowerCase())) continue;
    const value = fieldValue(item, name);
    if (value === undefined || String(value).toLowerCase() !== wanted.toLowerCase()) return false;
  }
  return true;
}

function lingeringDeletes({ inner }: FaultScope): FaultHooks {
  const ghosts = new Map<string, Ghost>();
  /** The item as it was just before a DELETE, until the DELETE's answer is known. */
  const pending = new WeakMap<HostRequest, Ghost>();
  const alive = (id: string): Ghost | undefined => {
    const ghost = ghosts.get(id.toLowerCase());
    if (ghost && ghost.until <= Date.now()) ghosts.delete(id.toLowerCase());
    return ghost && ghost.until > Date.now() ? ghost : undefined;
  };

  return {
    onRequest: async (req): Promise<HostRequest | HostResponse> => {
      const id = idFromPath(req);
      if (id === undefined || req.headers['use-snapshot'] !== undefined) return req;
      if (isOperation(req, 'GetSessionsById')) {
        const ghost = alive(id);
        const headers: Record<string, string> = ghost?.etag ? { ETag: ghost.etag } : {};
        return ghost ? { status: 200, body: ghost.body, headers } : req;
      }
      if (isOperation(req, 'DeleteSessionById')) {
        const read = await inner({ ...withoutRequestHeader(withoutRequestHeader(req, 'if-match'), 'content-type'), method: 'GET', body: Buffer.alloc(0) });
        const body = responseJson(read);
        if (read.status === 200 && isPlainObject(body)) pending.set(req, { body, etag: responseHeader(read, 'ETag'), until: 0 });
      }
      return req;
    },
    onResponse: (req, res): HostResponse => {
      const id = idFromPath(req);
      const before = pending.get(req);
      if (id !== undefined && before && isOperation(req, 'DeleteSessionById') && res.status === 204) {
        ghosts.set(id.toLowerCase(), { ...before, until: Date.now() + DELETED_VISIBLE_FOR_MS });
        return res;
      }
      if (!isOperation(req, 'GetSessions') || res.status !== 200 || req.headers['use-snapshot'] !== undefined) return res;
      // Only the first page of a limit/offset walk shows the lingering items, as a replica would.
      if (req.query.has('pageToken') || (intParam(req.query, 'offset') ?? 0) > 0) return res;
      const items = responseJson(res);
      if (!Array.isArray(items)) return res;
      const listed = new Set(items.map((item) => (isPlainObject(item) ? String(item.id).toLowerCase() : '')));
      const room = (intParam(req.query, 'limit') ?? 500) - items.length;
      const lingering = [...ghosts.keys()]
        .map((ghostId) => alive(ghostId))
        .filter((ghost): ghost is Ghost => ghost !== undefined && !listed.has(String(ghost.body.id).toLowerCase()) && matchesFilters(ghost.body, req.query))
        .slice(0, Math.max(0, room));
      return lingering.length === 0 ? res : { ...res, body: [...items, ...lingering.map((ghost) => ghost.body)] };
    },
  };
}

export const consistencyFaults: Fault[] = [
  {
    id: 'DeletedItemsVisibleForAWhile',
    description: `After a DELETE answered 204, GET by id and GET-many keep showing the session for about ${DELETED_VISIBLE_FOR_MS} ms.`,
    models: 'An eventually consistent host: reads are served from a replica or a cache that learns of deletes a moment after the primary confirms them.',
    violates: ['SES-DELETE-204-DELETED', 'SES-DELETE-IFMATCH-CURRENT'],
    incompatibleWith: ['DeletedSessionStillReadable'],
    perHost: lingeringDeletes,
  },
];
