// A check's own cleanup: delete what it created and did not delete itself, newest first. Anything
// that fails stays in the ledger for the runner's final sweep.
import { sweep } from '../fixtures/ledger.js';
import { workerClients } from './clients.js';
import type { ObservedCheck } from './exchange-observer.js';
import { trackLedger } from './exchange-observer.js';
import type { RunContext } from './run-context.js';

export async function cleanupCreated(run: RunContext, observed: ObservedCheck): Promise<string[]> {
  if (!observed.created.length) return [];
  const clients = workerClients(run);
  const result = await sweep([...observed.created], async (entry) => {
    const api = clients.api(entry.target, 'full', (ex) => {
      observed.state.meta.requests += 1 + ex.retries;
      trackLedger(observed, entry.target, ex);
    });
    if (!api) throw new Error(`no credentials for target ${entry.target}`);
    const ex = await api.request({ method: 'DELETE', url: entry.url });
    return ex.status;
  }, observed.ledger);
  return result.failures;
}
