// What happens to every exchange a check makes: it is kept on the check (for failure messages and
// the request count), shown as an Allure step with request/response/curl attachments, and watched
// for creations and deletions (ledger) and for server errors (elicited 500 pairs).
import * as allure from 'allure-js-commons';
import type { ExchangeObserver } from '../http/api-client.js';
import type { Exchange } from '../http/exchange.js';
import { Ledger, nameFromBody, parseLocation, type LedgerEntry, type TargetName } from '../fixtures/ledger.js';
import { curlText, exchangeTitle, requestText, responseText } from '../report/exchange-text.js';
import { registerSecret, tokensIn } from '../report/redact.js';
import { recordElicited, type CheckState } from './check-state.js';

export interface ObservedCheck {
  state: CheckState;
  ledger: Ledger;
  /** What this check created and has not deleted, oldest first. */
  created: LedgerEntry[];
  /** What this check created and then deleted itself (answered 2xx): still in the ledger until a GET confirms it gone. */
  deleted: LedgerEntry[];
  /** Server-error bodies that were not problem details (reported as notes). */
  notes: string[];
}

export function trackLedger(check: ObservedCheck, target: TargetName, ex: Exchange): void {
  const method = ex.request.method.toUpperCase();
  if (method === 'POST' && ex.status === 201 && ex.headers['location']) {
    const url = new URL(ex.headers['location'], ex.request.url).toString();
    const parsed = parseLocation(url);
    if (parsed) {
      const name = nameFromBody(parsed.resource, ex.request.body);
      check.created.push(check.ledger.recordCreated({ target, ...parsed, url, ...(name ? { name } : {}), requirementId: check.state.requirement.id }));
    }
  } else if (method === 'DELETE' && ex.status >= 200 && ex.status < 300) {
    // Not recorded as deleted yet: the check's cleanup confirms it with a GET first.
    const parsed = parseLocation(ex.request.url);
    if (parsed) {
      const i = check.created.findIndex((e) => e.target === target && e.id.toLowerCase() === parsed.id.toLowerCase());
      if (i >= 0) check.deleted.push(...check.created.splice(i, 1));
    }
  }
}

function looksLikeProblem(json: unknown): boolean {
  const j = json as Record<string, unknown> | undefined;
  return !!j && typeof j === 'object' && (typeof j.title === 'string' || typeof j.detail === 'string') && (j.status === undefined || typeof j.status === 'number');
}

export function observeFor(check: ObservedCheck, target: TargetName): ExchangeObserver {
  return async (ex) => {
    // A token a check fetched by hand (token endpoint checks) is a secret from now on, wherever it
    // appears; also one in a body that is not JSON, or JSON cut short (found by shape).
    const token = (ex.json as { access_token?: unknown } | undefined)?.access_token;
    if (typeof token === 'string') registerSecret(token);
    for (const found of tokensIn(ex.text)) registerSecret(found);
    check.state.exchanges.push(ex);
    check.state.meta.requests += 1 + ex.retries;
    trackLedger(check, target, ex);
    if (ex.status >= 500 && ex.operation) {
      recordElicited({ operation: ex.operation, status: 500, observedStatus: ex.status });
      if (!looksLikeProblem(ex.json)) check.notes.push(`${exchangeTitle(ex)}: the server error body is not problem details`);
    }
    await attachExchange(ex);
  };
}

export async function attachExchange(ex: Exchange): Promise<void> {
  await allure.step(exchangeTitle(ex), async () => {
    await allure.attachment('request', requestText(ex), 'text/plain');
    await allure.attachment('response', responseText(ex), 'text/plain');
    await allure.attachment('curl', curlText(ex), 'text/plain');
  });
}
