// What happens to every exchange a check makes: it is kept on the check (for failure messages and
// the request count), shown as an Allure step with one attachment (request, response, curl), and watched
// for creations and deletions (ledger) and for server errors (elicited 500 pairs). A POST that may
// create an item is announced to the ledger before it is sent (announceFor) and its answer settles
// that intent, so an item created by a POST whose answer never arrives can still be found.
import * as allure from 'allure-js-commons';
import type { ExchangeObserver, RequestAnnouncer } from '../http/api-client.js';
import type { Exchange } from '../http/exchange.js';
import { Ledger, lookupFilter, nameFromBody, parseCollection, parseLocation, type LedgerEntry, type TargetName } from '../fixtures/ledger.js';
import { exchangeText, exchangeTitle } from '../report/exchange-text.js';
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
  /** Intents written ahead of POSTs still waiting for their answer, by target, URL and body. */
  intents?: Map<string, string[]>;
}

const intentKey = (target: TargetName, url: string, body: unknown): string => `${target}\u0000${url}\u0000${String(body)}`;

/** Records an intent before a POST that carries a run-unique name is sent to a collection we track. */
export function announceFor(check: ObservedCheck, target: TargetName): RequestAnnouncer {
  return (method, url, body) => {
    if (method !== 'POST' || typeof body !== 'string') return;
    const collection = parseCollection(url);
    if (!collection) return;
    const name = nameFromBody(collection.resource, body);
    if (!name) return; // a body without a name cannot be looked up, and creates nothing on a faithful host
    const id = check.ledger.recordIntent({ target, ...collection, name, filter: lookupFilter(collection.resource, name, body), requirementId: check.state.requirement.id });
    const intents = (check.intents ??= new Map());
    const key = intentKey(target, url, body);
    intents.set(key, [...(intents.get(key) ?? []), id]);
  };
}

/** The intent this answered POST settles (identical bodies in flight settle in any order: they stand for the same item). */
function takeIntent(check: ObservedCheck, target: TargetName, ex: Exchange): string | undefined {
  const key = intentKey(target, ex.request.url, ex.request.body);
  const waiting = check.intents?.get(key);
  const id = waiting?.shift();
  if (waiting && !waiting.length) check.intents!.delete(key);
  return id;
}

export function trackLedger(check: ObservedCheck, target: TargetName, ex: Exchange): void {
  const method = ex.request.method.toUpperCase();
  if (method === 'POST') {
    const intent = takeIntent(check, target, ex);
    const location = ex.status === 201 ? ex.headers['location'] : undefined;
    const url = location ? new URL(location, ex.request.url).toString() : undefined;
    const parsed = url ? parseLocation(url) : undefined;
    if (url && parsed) {
      const name = nameFromBody(parsed.resource, ex.request.body);
      check.created.push(check.ledger.recordCreated({ target, ...parsed, url, ...(name ? { name } : {}), requirementId: check.state.requirement.id, ...(intent ? { intent } : {}) }));
    } else if (intent && (ex.status < 200 || ex.status >= 300 || ex.status === 200)) {
      // Refused, or an upsert's 200 (the item was there before this POST: if this run made it,
      // the ledger has it already). Another 2xx without a usable Location (a 201 that names no
      // id) stays unsettled, so the final sweep looks that item up by its name.
      check.ledger.recordAnswered(intent, ex.status);
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
    await allure.attachment('request, response, curl', exchangeText(ex), 'text/plain');
  });
}
