// Snapshot faults (CONTRACT.md §5): writes through Use-Snapshot allowed, the 405 without its
// Allow header, the header ignored on reads, a missing snapshot reported as a crash.
import type { HostRequest } from '../../http/types.js';
import type { Fault } from '../types.js';
import { hasProblemType, isDataRequest, isOperation, isSessionWrite, problemBody, systemError, withoutRequestHeader, withoutResponseHeader } from './match.js';

const hasSnapshotHeader = (req: HostRequest): boolean => req.headers['use-snapshot'] !== undefined;
const isGet = (req: HostRequest): boolean => req.method.toUpperCase() === 'GET';

const useSnapshotIgnored: Fault = {
  id: 'UseSnapshotIgnored',
  description: 'Use-Snapshot is ignored on every request: reads answer 200 with live data and writes are applied.',
  models: 'A host without snapshot support that never looks at the header (DMS documents this: the request is processed against current data, with no warning and no error).',
  violates: [
    'SES-GET-404-SNAPSHOT',
    'SES-GETID-404-SNAPSHOT',
    'SES-DELETES-404-SNAPSHOT',
    'SES-KEYCHG-404-SNAPSHOT',
    'SES-PART-404-SNAPSHOT',
    'SES-SNAP-ISOLATION',
    'SES-POST-405-USE-SNAPSHOT',
    'SES-PUT-405-USE-SNAPSHOT',
    'SES-DELETE-405-USE-SNAPSHOT',
    'SES-WRITE-405-SNAPSHOT-ANY-VALUE',
    // Every resource's writes are applied: course offerings' instances of the same rules.
    'CO-POST-405-USE-SNAPSHOT',
    'CO-PUT-405-USE-SNAPSHOT',
    'CO-DELETE-405-USE-SNAPSHOT',
    'CO-WRITE-405-SNAPSHOT-ANY-VALUE',
    // and their reads serve live data (the family snapshots).
    'CO-GET-404-SNAPSHOT',
    'CO-GETID-404-SNAPSHOT',
    'CO-DELETES-404-SNAPSHOT',
    'CO-KEYCHG-404-SNAPSHOT',
    'CO-PART-404-SNAPSHOT',
    'CO-SNAP-ISOLATION',
  ],
  onRequest: (req) => (isDataRequest(req) && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req),
};

export const snapshotFaults: Fault[] = [
  useSnapshotIgnored,
  {
    id: 'SnapshotWritesAllowed',
    description: 'Writes carrying Use-Snapshot are applied to the live data instead of answering 405.',
    models: 'A snapshot filter registered for GET actions only, so writes never look at the header.',
    violates: [
      'SES-POST-405-USE-SNAPSHOT',
      'SES-PUT-405-USE-SNAPSHOT',
      'SES-DELETE-405-USE-SNAPSHOT',
      'SES-WRITE-405-SNAPSHOT-ANY-VALUE',
    ],
    onRequest: (req) => (isSessionWrite(req) && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req),
  },
  {
    id: 'SnapshotFalseWriteAllowed',
    description: 'A write with Use-Snapshot: false is applied instead of answering 405 (only "true" is refused).',
    models: 'A host that parses the header value on writes, where ODS refuses any write that carries it.',
    violates: ['SES-WRITE-405-SNAPSHOT-ANY-VALUE'],
    onRequest: (req) =>
      isSessionWrite(req) && hasSnapshotHeader(req) && req.headers['use-snapshot']?.trim().toLowerCase() !== 'true'
        ? withoutRequestHeader(req, 'use-snapshot')
        : req,
  },
  {
    id: 'SnapshotWriteWithoutAllowHeader',
    description: 'The 405 for a write with Use-Snapshot has no Allow: GET header.',
    models: 'A hand-built 405 response that forgets the Allow header RFC 9110 requires.',
    violates: [
      'SES-POST-405-USE-SNAPSHOT',
      'SES-PUT-405-USE-SNAPSHOT',
      'SES-DELETE-405-USE-SNAPSHOT',
      // Every resource's snapshot 405: course offerings' too.
      'CO-POST-405-USE-SNAPSHOT',
      'CO-PUT-405-USE-SNAPSHOT',
      'CO-DELETE-405-USE-SNAPSHOT',
    ],
    onResponse: (_req, res) => (hasProblemType(res, 'urn:ed-fi:api:snapshots:method-not-allowed') ? withoutResponseHeader(res, 'Allow') : res),
  },
  {
    id: 'SnapshotHeaderIgnoredOnReads',
    description: 'GETs ignore Use-Snapshot and read the live data, even when no snapshot exists.',
    models: 'A host without snapshot support that silently serves live data to clients asking for a consistent snapshot.',
    // Every resource's reads: course offerings' too.
    violates: ['SES-GET-404-SNAPSHOT', 'SES-GETID-404-SNAPSHOT', 'SES-DELETES-404-SNAPSHOT', 'SES-KEYCHG-404-SNAPSHOT', 'SES-PART-404-SNAPSHOT', 'SES-SNAP-ISOLATION', 'CO-GET-404-SNAPSHOT', 'CO-GETID-404-SNAPSHOT', 'CO-DELETES-404-SNAPSHOT', 'CO-KEYCHG-404-SNAPSHOT', 'CO-PART-404-SNAPSHOT', 'CO-SNAP-ISOLATION'],
    onRequest: (req) => (isGet(req) && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req),
  },
  {
    id: 'MissingSnapshotAnswers500',
    description: 'A GET with Use-Snapshot: true answers 500 when no snapshot exists, instead of 404.',
    models: 'A snapshot connection-string lookup that throws on a missing entry instead of reporting "Snapshot not found".',
    // Every resource's reads: course offerings' too.
    violates: ['SES-GET-404-SNAPSHOT', 'SES-GETID-404-SNAPSHOT', 'SES-DELETES-404-SNAPSHOT', 'SES-KEYCHG-404-SNAPSHOT', 'SES-PART-404-SNAPSHOT', 'CO-GET-404-SNAPSHOT', 'CO-GETID-404-SNAPSHOT', 'CO-DELETES-404-SNAPSHOT', 'CO-KEYCHG-404-SNAPSHOT', 'CO-PART-404-SNAPSHOT'],
    onResponse: (req, res) => {
      const body = problemBody(res);
      return isGet(req) && hasSnapshotHeader(req) && res.status === 404 && String(body?.detail ?? '').toLowerCase().includes('snapshot')
        ? systemError(req)
        : res;
    },
  },
  {
    id: 'SnapshotIgnoredOnChangeQueriesAndPartitions',
    description: 'Use-Snapshot is honoured on GET-many and GET by id but ignored on /deletes, /keyChanges and /partitions (live data, 200).',
    models: 'A snapshot filter attached to the resource controller only, not to the change-query and partition controllers.',
    violates: ['SES-DELETES-404-SNAPSHOT', 'SES-KEYCHG-404-SNAPSHOT', 'SES-PART-404-SNAPSHOT'],
    onRequest: (req) =>
      isOperation(req, 'DeletesSessions', 'KeyChangesSessions', 'GetSessionsPartitions') && hasSnapshotHeader(req) ? withoutRequestHeader(req, 'use-snapshot') : req,
  },
  {
    id: 'SnapshotNotFoundUnexplained',
    description: 'A read with Use-Snapshot and no snapshot answers the generic 404 ("The specified data could not be found.") without saying the snapshot is missing.',
    models: 'A missing snapshot connection reported through the generic not-found path, so clients think the resource is gone.',
    // Every resource's reads: course offerings' too.
    violates: ['SES-GET-404-SNAPSHOT', 'SES-GETID-404-SNAPSHOT', 'SES-DELETES-404-SNAPSHOT', 'SES-KEYCHG-404-SNAPSHOT', 'SES-PART-404-SNAPSHOT', 'CO-GET-404-SNAPSHOT', 'CO-GETID-404-SNAPSHOT', 'CO-DELETES-404-SNAPSHOT', 'CO-KEYCHG-404-SNAPSHOT', 'CO-PART-404-SNAPSHOT'],
    onResponse: (req, res) => {
      const body = problemBody(res);
      if (!isGet(req) || !hasSnapshotHeader(req) || res.status !== 404 || !/snapshot/i.test(JSON.stringify([body?.detail, body?.errors]))) return res;
      const { errors: _dropped, ...rest } = body ?? {};
      return { ...res, body: { ...rest, detail: 'The specified data could not be found.' } };
    },
  },
];

// Every other snapshot fault changes how the header is honoured; a host that ignores it shows none.
useSnapshotIgnored.incompatibleWith = snapshotFaults.filter((f) => f !== useSnapshotIgnored).map((f) => f.id);
