// The rules /deletes and /keyChanges share (CONTRACT.md §1.4, §4, §5), declared once for both
// lists: inclusive change-version bounds, Total-Count, refused paging, 401, 403, and 404 when change
// queries are switched off. Each list is a descriptor (specs/support/tracked-changes.ts); its
// requirement ids are spelt out here so every check is found by its id. Set-up (the list serves,
// this check's own change is listed) blocks these checks on the list's 200 requirement when it fails.
import { check, describe, expectProblem, ProblemType } from '../src/index.js';
import { expectNoClaimRefused, expectServes, expectUnauthenticated } from './support/access.js';
import { UNUSABLE_CREDENTIALS } from './support/crud-credentials.js';
import { DELETES, expectInclusiveBounds, expectPagingRefused, expectWindowTotalCount, KEY_CHANGES, ownChange } from './support/tracked-changes.js';

const LISTS = [
  {
    list: DELETES,
    ids: {
      bounds: 'SES-DELETES-CV-MIN-MAX', totalCount: 'SES-DELETES-TOTAL-COUNT', paging: 'SES-DELETES-400-PAGING',
      unauthenticated: 'SES-DELETES-401-UNAUTHENTICATED', noClaim: 'SES-DELETES-403-NO-CLAIM', disabled: 'SES-CQ-DISABLED-DELETES',
    },
  },
  {
    list: KEY_CHANGES,
    ids: {
      bounds: 'SES-KEYCHG-CV-MIN-MAX', totalCount: 'SES-KEYCHG-TOTAL-COUNT', paging: 'SES-KEYCHG-400-PAGING',
      unauthenticated: 'SES-KEYCHG-401-UNAUTHENTICATED', noClaim: 'SES-KEYCHG-403-NO-CLAIM', disabled: 'SES-CQ-DISABLED-KEYCHG',
    },
  },
] as const;

for (const { list, ids } of LISTS) {
  describe(`GET /ed-fi/sessions${list.name}: the rules both tracked-change lists share`, () => {
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

    check(ids.noClaim, 'a client without a sessions claim is refused with 403', async (t) => {
      await expectNoClaimRefused(t, list);
    }, { requires: ['changeQueries', 'noSessionsClaim'] });

    check(ids.disabled, `with change queries disabled ${list.name} answers 404 feature-disabled`, async (t) => {
      const off = t.secondary('changeQueriesDisabled');
      expectProblem(await t.step(`GET ${list.name} on the target with change queries disabled`, () => off.api.get(list.path)), { status: 404, type: ProblemType.featureDisabled });
    }, { requires: ['changeQueriesDisabledTarget'] });
  });
}
