// The registry of check families: every family, in one explicit list. A family is a function of a
// resource descriptor that declares checks (src/runtime/families.ts); specs/families/<name>.spec.ts
// runs the family <name> (defined in <name>.ts) over each resource the run selects, so one spec
// file per family keeps vitest's files parallel and lets the self-test load only the family it needs.
// test/unit/families.test.ts holds this list, the files and the spec files to each other.
import type { Family } from '../../src/index.js';
import { authentication } from './authentication.js';
import { authorization } from './authorization.js';
import { conditional } from './conditional.js';
import { create } from './create.js';
import { cursor } from './cursor.js';
import { deletion } from './delete.js';
import { deletes } from './deletes.js';
import { etag } from './etag.js';
import { filters } from './filters.js';
import { keyChanges } from './key-changes.js';
import { listConditional } from './list-conditional.js';
import { methods } from './methods.js';
import { paging } from './paging.js';
import { partitions } from './partitions.js';
import { read } from './read.js';
import { snapshots } from './snapshots.js';
import { trackedChanges } from './tracked-changes.js';
import { update } from './update.js';
import { validation } from './validation.js';
import { versionRaise } from './version-raise.js';

export const FAMILIES: readonly Family[] = [create, read, update, deletion, methods, etag, conditional, paging, cursor, partitions, filters, listConditional, snapshots, authentication, authorization, validation, trackedChanges, deletes, keyChanges, versionRaise];

/** The registered family of this name (its spec file's name); throws for a name not in FAMILIES. */
export function registered(name: string): Family {
  const family = FAMILIES.find((f) => f.name === name);
  if (!family) throw new Error(`no check family named '${name}' is registered in specs/families/index.ts (known: ${FAMILIES.map((f) => f.name).join(', ')})`);
  return family;
}
