// A check's own cleanup: delete what it created, newest first, and confirm each item gone with a
// GET — also the ones the check deleted itself (its DELETE was answered 2xx, but an answer alone is
// not proof). One quick round, no waiting: whatever is not confirmed gone stays in the ledger for
// the runner's final sweep, which is patient (src/cli/sweep.ts).
import { QUICK, sweep, type SweepPolicy } from '../fixtures/ledger.js';
import { workerClients } from './clients.js';
import type { ObservedCheck } from './exchange-observer.js';
import type { RunContext } from './run-context.js';

/** Problems worth a note on the check: items whose DELETE was refused or got no answer. */
export async function cleanupCreated(run: RunContext, observed: ObservedCheck, policy: SweepPolicy = QUICK): Promise<string[]> {
  const deletedByCheck = new Set(observed.deleted);
  const entries = [...observed.created, ...observed.deleted].sort((a, b) => a.at.localeCompare(b.at));
  if (!entries.length) return [];
  const clients = workerClients(run);
  const apiFor = (target: (typeof entries)[number]['target']) => {
    const api = clients.api(target, 'full', (ex) => {
      observed.state.meta.requests += 1 + ex.retries;
    });
    if (!api) throw new Error(`no credentials for target ${target}`);
    return api;
  };
  const result = await sweep(
    entries,
    {
      remove: async (entry) => apiFor(entry.target).request({ method: 'DELETE', url: entry.url }),
      look: async (entry) => apiFor(entry.target).request({ method: 'GET', url: entry.url }),
    },
    { ledger: observed.ledger, policy, alreadyDeleted: (entry) => deletedByCheck.has(entry) },
  );
  observed.created.length = 0;
  observed.deleted.length = 0;
  // Still visible right after an accepted DELETE is normal on an eventually consistent host: the
  // final sweep looks again later. Only a refused DELETE (or none answered) is worth a note now.
  return result.leftovers.filter((l) => l.lastDelete && (l.lastDelete.status === undefined || (l.lastDelete.status >= 300 && l.lastDelete.status !== 404))).map((l) => `${l.resource} ${l.id} on ${l.target}: ${l.why}`);
}
