// Family "tracked-changes": the rules /deletes and /keyChanges of any resource share (CONTRACT.md
// §1.4, §4, §5), declared once for both lists: inclusive change-version bounds, Total-Count,
// refused paging, 401, 403, and 404 when change queries are switched off (the 304 with a list's own
// ETag is the family "list-conditional", Use-Snapshot reads the family "snapshots").
// Each list is a descriptor (specs/support/tracked-changes.ts trackedLists); the requirement
// templates are spelt out here so every check is found by its id. Set-up (the list serves, this
// check's own change is listed) blocks these checks on the list's 200 requirement when it fails.
// What a delete or a key change leaves in its list is the families "deletes" and "key-changes".
import { check, describe, expectProblem, ProblemType, requirementIdOf, type Family } from '../../src/index.js';
import { expectNoClaimRefused, expectServes, expectUnauthenticated } from '../support/access.js';
import { UNUSABLE_CREDENTIALS } from '../support/crud-credentials.js';
import { expectInclusiveBounds, expectPagingRefused, expectWindowTotalCount, ownChange, trackedLists } from '../support/tracked-changes.js';

const TEMPLATES = {
  '/deletes': {
    bounds: 'DELETES-CV-MIN-MAX', totalCount: 'DELETES-TOTAL-COUNT', paging: 'DELETES-400-PAGING',
    unauthenticated: 'DELETES-401-UNAUTHENTICATED', noClaim: 'DELETES-403-NO-CLAIM', disabled: 'CQ-DISABLED-DELETES',
  },
  '/keyChanges': {
    bounds: 'KEYCHG-CV-MIN-MAX', totalCount: 'KEYCHG-TOTAL-COUNT', paging: 'KEYCHG-400-PAGING',
    unauthenticated: 'KEYCHG-401-UNAUTHENTICATED', noClaim: 'KEYCHG-403-NO-CLAIM', disabled: 'CQ-DISABLED-KEYCHG',
  },
} as const;

export const trackedChanges: Family = {
  name: 'tracked-changes',
  about: '/deletes and /keyChanges alike: inclusive change-version bounds, Total-Count, refused paging, 401, 403, 404 when switched off',
  checks(d) {
    const { deletes, keyChanges } = trackedLists(d);
    for (const list of [deletes, keyChanges]) {
      const ids = Object.fromEntries(Object.entries(TEMPLATES[list.name as keyof typeof TEMPLATES]).map(([k, v]) => [k, requirementIdOf(d, v)])) as Record<keyof (typeof TEMPLATES)['/deletes'], string>;

      describe(`GET ${d.path}${list.name}: the rules both tracked-change lists share`, () => {
        check(ids.bounds, 'minChangeVersion and maxChangeVersion are inclusive', async (t) => {
          const { id, cv, from } = await ownChange(t, list);
          await expectInclusiveBounds(t, list, id, cv, from);
        }, { requires: ['changeQueries', 'writes'] });

        check(ids.totalCount, 'Total-Count counts the items of the window', async (t) => {
          const changes = [await ownChange(t, list), await ownChange(t, list), await ownChange(t, list)];
          await expectWindowTotalCount(t, list, changes, ids.bounds);
        }, { requires: ['changeQueries', 'writes'] });

        check(ids.paging, 'a negative limit or offset is refused', async (t) => {
          await expectServes(t, list);
          await expectPagingRefused(t, list);
        }, { requires: ['changeQueries'] });

        for (const credential of UNUSABLE_CREDENTIALS) {
          check(ids.unauthenticated, `${list.name} with ${credential.what} answers 401 authentication`, async (t) => {
            await expectUnauthenticated(t, list, credential);
          }, { requires: ['changeQueries'], key: credential.key });
        }

        check(ids.noClaim, `a client without a ${d.name} claim is refused with 403`, async (t) => {
          await expectNoClaimRefused(t, list);
        }, { requires: ['changeQueries', 'noSessionsClaim'] });

        check(ids.disabled, `with change queries disabled ${list.name} answers 404 feature-disabled`, async (t) => {
          const off = t.secondary('changeQueriesDisabled');
          expectProblem(await t.step(`GET ${list.name} on the target with change queries disabled`, () => off.api.get(list.path)), { status: 404, type: ProblemType.featureDisabled });
        }, { requires: ['changeQueriesDisabledTarget'] });
      });
    }
  },
};
