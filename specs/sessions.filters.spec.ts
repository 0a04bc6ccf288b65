// GET /ed-fi/sessions: who may list (401 for each unusable credential, 403 without a sessions
// claim), each after a set-up step shows the list serves (evidencing SES-GET-200-LIST). The list
// answer and its filters are the family "filters" (specs/families/filters.ts), for every resource.
import { check, describe, SESSIONS } from '../src/index.js';
import { expectNoClaimRefused, expectUnauthenticated } from './support/access.js';
import { UNUSABLE_CREDENTIALS } from './support/crud-credentials.js';

const LIST = { path: SESSIONS, query: { limit: 1 }, serves: 'SES-GET-200-LIST' };

describe('GET /ed-fi/sessions: answer, filters, access', () => {
  for (const credential of UNUSABLE_CREDENTIALS) {
    check('SES-GET-401-UNAUTHENTICATED', `GET-many with ${credential.what} answers 401 authentication`, async (t) => {
      await expectUnauthenticated(t, LIST, credential);
    }, { key: credential.key });
  }

  check('SES-GET-403-NO-CLAIM', 'a client without a sessions claim is refused with 403', async (t) => {
    await expectNoClaimRefused(t, LIST);
  }, { requires: ['noSessionsClaim'] });
});
