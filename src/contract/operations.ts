// The eight documented operations of /ed-fi/sessions, and how an HTTP request maps onto one of
// them. Used to record which (operation, status) pairs a run elicited.
import type { OperationName } from '../requirements/types.js';

export type { OperationName };

export const OPERATION_NAMES: readonly OperationName[] = [
  'DeleteSessionById',
  'DeletesSessions',
  'GetSessions',
  'GetSessionsById',
  'GetSessionsPartitions',
  'KeyChangesSessions',
  'PostSession',
  'PutSession',
];

/** Path of the sessions resource below the data API root ({root}/data/v3). */
export const SESSIONS = '/ed-fi/sessions';
export const COURSE_OFFERINGS = '/ed-fi/courseOfferings';

/**
 * Classify by method and URL path. Matching is on the path's tail so it works whatever the data
 * root is (ODS '/data/v3', DMS '/data', a reverse proxy prefix). Case-insensitive, as ODS routes are.
 */
export function classifyOperation(method: string, url: string): OperationName | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const match = /\/ed-fi\/sessions(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match) return undefined;
  const segment = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
  const verb = method.toUpperCase();
  const lower = segment?.toLowerCase();
  if (segment === undefined) {
    if (verb === 'GET') return 'GetSessions';
    if (verb === 'POST') return 'PostSession';
    return undefined;
  }
  if (verb === 'GET') {
    if (lower === 'deletes') return 'DeletesSessions';
    if (lower === 'keychanges') return 'KeyChangesSessions';
    if (lower === 'partitions') return 'GetSessionsPartitions';
    return 'GetSessionsById';
  }
  if (verb === 'PUT') return 'PutSession';
  if (verb === 'DELETE') return 'DeleteSessionById';
  return undefined;
}
