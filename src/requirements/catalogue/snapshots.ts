// Requirements of the 'snapshots' concern: the Use-Snapshot header on reads, templates for every
// resource, cited by the family snapshots (specs/families/snapshots.ts). A write with the header
// (405 + Allow: GET) is stated once, under the templates {R}-{POST,PUT,DELETE}-405-USE-SNAPSHOT
// of crud.ts; not repeated here.
import type { CatalogueEntry } from '../templates.js';

export const snapshotsRequirements: CatalogueEntry[] = [
  {
    template: 'GET-404-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'snapshots',
    kind: 'list',
    statement: 'GET %path% with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    template: 'DELETES-404-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'snapshots',
    kind: 'deletes',
    statement: 'GET %path%/deletes with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    template: 'KEYCHG-404-SNAPSHOT',
    level: 'MUST',
    source: '%doc%:%op% 404',
    area: 'snapshots',
    kind: 'keyChanges',
    statement: 'GET %path%/keyChanges with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    template: 'GETID-404-SNAPSHOT',
    level: 'MUST',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    kind: 'read',
    statement: 'GET %path%/{id} with Use-Snapshot: true of %a% created after any snapshot answers 404 not-found ("Snapshot not found" when there is no snapshot).',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    template: 'PART-404-SNAPSHOT',
    level: 'SHOULD',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    kind: 'partitions',
    statement: 'GET %path%/partitions with Use-Snapshot: true answers 404 not-found when no snapshot exists.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
  {
    template: 'SNAP-ISOLATION',
    level: 'MUST',
    source: 'CONTRACT.md §5',
    area: 'snapshots',
    kind: 'list',
    statement: 'When a snapshot exists, %a% created after it is invisible with Use-Snapshot: true (by id 404, absent from GET-many) and visible without.',
    profiles: ['ods-7.3'],
    difference: 'snapshot-reads',
  },
];
