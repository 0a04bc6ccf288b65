// Resource-semantics faults (CONTRACT.md §6): Location missing or wrong, upserts naming the wrong
// item, deleted items still readable.
import { randomUUID } from 'node:crypto';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault } from '../types.js';
import { isKeyChangingPut, recordKeys } from './change-queries.js';
import { idFromPath, isOperation, requestJson, responseHeader, SESSIONS_PATH, withJsonBody, withoutRequestHeader, withoutResponseHeader, withRequestHeader, withResponseHeader } from './match.js';

function rewriteLocation(res: HostResponse, edit: (location: string) => string): HostResponse {
  const location = responseHeader(res, 'Location');
  return location === undefined ? res : withResponseHeader(res, 'Location', edit(location));
}

// ---- DeletedSessionStillReadable -----------------------------------------------------------
// The last 200 answer of GET by id, per id; served again after the item is deleted.
const lastReads = new Map<string, HostResponse>();
const deletedIds = new Set<string>();

function serveDeletedFromCache(req: HostRequest, res: HostResponse): HostResponse {
  const id = idFromPath(req);
  if (id === undefined) return res;
  if (isOperation(req, 'DeleteSessionById') && res.status === 204) deletedIds.add(id);
  if (!isOperation(req, 'GetSessionsById') || req.headers['use-snapshot'] !== undefined) return res;
  if (res.status === 200) lastReads.set(id, res);
  const cached = lastReads.get(id);
  return res.status === 404 && deletedIds.has(id) && cached !== undefined ? cached : res;
}

// ---- KeyChangeCreatesCopy: a key-changing PUT is carried out as an insert of a new item -------
const KEY_CHANGE_MARK = 'x-fault-key-change-as-insert';

function keyChangeAsInsert(req: HostRequest): HostRequest {
  if (!isKeyChangingPut(req)) return req;
  const body = requestJson(req) as Record<string, unknown>;
  const { id: _routeId, ...withoutId } = body;
  const insert = withJsonBody({ ...req, method: 'POST', path: SESSIONS_PATH }, withoutId);
  return withoutRequestHeader(withRequestHeader(insert, KEY_CHANGE_MARK, '1'), 'if-match');
}

function answerInsertAsUpdate(req: HostRequest, res: HostResponse): HostResponse {
  recordKeys(req, res);
  if (req.headers[KEY_CHANGE_MARK] === undefined || res.status !== 201) return res;
  return { ...res, status: 204, body: undefined };
}

export const semanticsFaults: Fault[] = [
  {
    id: 'LocationMissingOnPost',
    description: 'POST (201 and 200) answers without a Location header.',
    models: 'A create action that returns the status only, leaving clients to search for what they created.',
    violates: ['SES-POST-201-CREATED', 'SES-POST-200-UPSERT', 'SES-POST-LOCATION-RESOLVES'],
    onResponse: (req, res) => (isOperation(req, 'PostSession') ? withoutResponseHeader(res, 'Location') : res),
  },
  {
    id: 'LocationNamesCollection',
    description: "POST's Location names the collection (/ed-fi/sessions) instead of the created item.",
    models: 'A Location built from the request URL without appending the new id.',
    violates: ['SES-POST-201-CREATED', 'SES-POST-LOCATION-RESOLVES'],
    onResponse: (req, res) => (isOperation(req, 'PostSession') ? rewriteLocation(res, (l) => l.replace(/\/[^/]+\/?$/, '')) : res),
  },
  {
    id: 'LocationNamesAnotherId',
    description: "POST's Location carries a fresh random id that names no item.",
    models: 'A Location built from an id generated for the response rather than the id that was stored.',
    violates: ['SES-POST-LOCATION-RESOLVES', 'SES-POST-201-CREATED', 'SES-POST-200-UPSERT'],
    onResponse: (req, res) =>
      isOperation(req, 'PostSession') ? rewriteLocation(res, (l) => l.replace(/[^/]+\/?$/, randomUUID().replace(/-/g, ''))) : res,
  },
  {
    id: 'DeletedSessionStillReadable',
    description: 'After a successful DELETE, GET by the id keeps answering 200 with the last body read.',
    models: 'A read-through cache in front of GET by id that is not invalidated on delete.',
    violates: ['SES-DELETE-204-DELETED'],
    onResponse: serveDeletedFromCache,
  },
  {
    id: 'KeyChangeCreatesCopy',
    description: 'A PUT that changes the natural key inserts a new session (new id) and answers 204; the old one stays, under the old name.',
    models: 'An update implemented as "upsert by natural key", so a new key never reaches the existing row or its dependents.',
    // A key change onto another session's key upserts into it instead of colliding (409).
    violates: ['SES-PUT-KEY-CHANGE-KEEPS-ID', 'SES-PUT-KEY-CHANGE-CASCADES', 'SES-PUT-409-KEY-COLLISION'],
    onRequest: keyChangeAsInsert,
    onResponse: answerInsertAsUpdate,
  },
];
