// Requirements of the 'snapshots' concern: the Use-Snapshot header on reads and writes. Cited by
// specs/sessions.snapshots.spec.ts. A write with the header (405 + Allow: GET) is stated once, under
// the seed-pair ids SES-{POST,PUT,DELETE}-405-USE-SNAPSHOT of crud.ts; not repeated here.
import type { Requirement } from '../types.js';

export const snapshotsRequirements: Requirement[] = [
  {
    id: 'SES-GET-404-SNAPSHOT',
    level: 'MUST',
    source: 'seed:GetSessions 404',
    area: 'snapshots',
    operation: 'GetSessions',
    statement: 'GET /ed-fi/sessions with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    id: 'SES-DELETES-404-SNAPSHOT',
    level: 'MUST',
    source: 'seed:DeletesSessions 404',
    area: 'snapshots',
    operation: 'DeletesSessions',
    statement: 'GET /ed-fi/sessions/deletes with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    id: 'SES-KEYCHG-404-SNAPSHOT',
    level: 'MUST',
    source: 'seed:KeyChangesSessions 404',
    area: 'snapshots',
    operation: 'KeyChangesSessions',
    statement: 'GET /ed-fi/sessions/keyChanges with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    id: 'SES-GETID-404-SNAPSHOT',
    level: 'MUST',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    operation: 'GetSessionsById',
    statement: 'GET /ed-fi/sessions/{id} with Use-Snapshot: true of a session created after any snapshot answers 404 not-found ("Snapshot not found" when there is no snapshot).',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    id: 'SES-PART-404-SNAPSHOT',
    level: 'SHOULD',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    operation: 'GetSessionsPartitions',
    statement: 'GET /ed-fi/sessions/partitions with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    id: 'SES-SNAP-ISOLATION',
    level: 'MUST',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    operation: 'GetSessions',
    statement: 'When a snapshot exists, a session created after it is invisible with Use-Snapshot: true (by id 404, absent from GET-many) and visible without.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
];
