// GET /ed-fi/sessions/partitions (ODS 7.3, CONTRACT.md §4): who may call it, 401 without a usable
// token and 403 without a sessions claim, each after a set-up step shows the endpoint serves
// (evidencing SES-PART-200). The partitions rules themselves are the family "partitions"
// (specs/families/partitions.ts), for every resource.
import { check, describe } from '../src/index.js';
import { expectNoClaimRefused, expectServes, expectUnauthenticated } from './support/access.js';
import { UNUSABLE_CREDENTIALS } from './support/crud-credentials.js';
import { PARTITIONS } from './support/walks.js';

const ENDPOINT = { path: PARTITIONS, query: { number: 1 }, serves: 'SES-PART-200' };

describe('GET /ed-fi/sessions/partitions', () => {
  for (const credential of UNUSABLE_CREDENTIALS) {
    check('SES-PART-401-UNAUTHENTICATED', `partitions with ${credential.what} answer 401 authentication`, async (t) => {
      await expectUnauthenticated(t, ENDPOINT, credential);
    }, { requires: ['partitions'], key: credential.key });
  }

  check('SES-PART-403-NO-CLAIM', 'a client without a sessions claim is refused with 403', async (t) => {
    await expectNoClaimRefused(t, ENDPOINT);
  }, { requires: ['partitions', 'noSessionsClaim'] });
});
