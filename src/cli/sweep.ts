// After the checks: delete whatever the ledger still lists (checks that crashed, were killed, or
// whose own cleanup could not confirm an item gone), newest first, with each target's full-access
// client — patiently: DELETE, then GET until the host shows the item gone, retried with backoff
// (src/fixtures/sweep.ts). Before that, the POSTs whose answer never came (an interrupt between the
// host creating an item and the 201 reaching the check) are resolved by name
// (src/fixtures/intents.ts): items carrying this run's tag are swept like the rest. The lookup is
// made again after the sweep, for a POST the host was still working on the first time. Whatever
// is still there is a Leftover, reported in the summary, in conformance.json and by exit status 3.
import { FixtureReader } from '../fixtures/fixture-reader.js';
import { resolveIntents, itemName, sameName, type FindByName, type Resolution } from '../fixtures/intents.js';
import { Ledger, PATIENT, sweep, type Intent, type LedgerEntry, type Leftover, type SweepPolicy, type SweepResult, type TargetName } from '../fixtures/ledger.js';
import { ApiClient } from '../http/api-client.js';
import { TokenSource } from '../http/token-source.js';
import { Transport } from '../http/transport.js';
import { excerpt, redactText } from '../report/redact.js';
import type { RunContext, TargetInfo } from '../runtime/run-context.js';

export interface FinalSweep extends SweepResult {
  requests: number;
}

export async function sweepLedger(run: RunContext, policy: SweepPolicy = PATIENT): Promise<FinalSweep> {
  const ledger = new Ledger(run.ledgerPath);
  const outstanding = ledger.outstanding();
  const intents = ledger.unsettledIntents();
  if (!outstanding.length && !intents.length) return { deleted: 0, alreadyGone: 0, leftovers: [], failures: [], requests: 0 };
  // The run's own cap: the sweep sends the DELETEs (and then the looks) of one parent depth together
  // (src/fixtures/sweep.ts), and nothing else of the run is in flight by now. At 1 they went one
  // after another: the four shared items of a run took eight round trips after the last check.
  const transport = new Transport({ timeoutMs: run.settings.timeoutMs, maxConcurrency: run.settings.maxConcurrency });
  const clients = new Map<TargetName, ApiClient>();
  const clientFor = (target: TargetName): ApiClient => {
    let c = clients.get(target);
    if (!c) {
      const info: TargetInfo | undefined = target === 'main' ? run.main : run.secondary[target];
      if (!info) throw new Error(`target ${target} is not part of this run`);
      c = new ApiClient({ transport, baseUrl: info.urls.data, tokens: new TokenSource(transport, info.urls.token, info.credentials) });
      clients.set(target, c);
    }
    return c;
  };
  const io = {
    remove: async (entry: LedgerEntry) => clientFor(entry.target).request({ method: 'DELETE', url: entry.url }),
    look: async (entry: LedgerEntry) => clientFor(entry.target).request({ method: 'GET', url: entry.url }),
  };
  try {
    const swept = new Set(outstanding.map(idKey));
    const first = await resolve(intents, run.runTag, clientFor, ledger, swept);
    const result = await sweep([...outstanding, ...first.entries], io, { ledger, policy });
    if (!intents.length) return { ...result, requests: transport.sent };
    // Again, for a POST the host had not finished when it was first asked (a fresh reader: no cached pages).
    const second = await resolve(intents, run.runTag, clientFor, ledger, swept);
    const late = second.entries.length ? await sweep(second.entries, io, { ledger, policy }) : undefined;
    const reported = new Set(first.unattributed.map(idKey));
    const unattributed = [...first.unattributed, ...second.unattributed.filter((l) => !reported.has(idKey(l)))];
    const leftovers = [...result.leftovers, ...(late?.leftovers ?? []), ...unattributed];
    return {
      deleted: result.deleted + (late?.deleted ?? 0),
      alreadyGone: result.alreadyGone + (late?.alreadyGone ?? 0),
      leftovers,
      failures: [...result.failures, ...(late?.failures ?? []), ...unattributed.map((l) => `${l.resource} ${l.id} on ${l.target}: ${l.why}`)],
      requests: transport.sent,
    };
  } finally {
    await transport.close();
  }
}

const idKey = (e: Pick<LedgerEntry, 'target' | 'id'>): string => `${e.target}|${e.id.toLowerCase()}`;

/**
 * Looks up the unsettled intents' names (the host's filter first, the fixture reader's bounded walk
 * if the filter is refused or ignored) and records each item found that is this run's as created,
 * so the sweep's confirmations settle it. Items already in `swept` are not handed over twice.
 */
async function resolve(intents: Intent[], runTag: string, clientFor: (t: TargetName) => ApiClient, ledger: Ledger, swept: Set<string>): Promise<Resolution> {
  if (!intents.length) return { entries: [], unattributed: [] };
  const readers = new Map<TargetName, FixtureReader>();
  const find: FindByName = async (intent) => {
    let reader = readers.get(intent.target);
    if (!reader) readers.set(intent.target, (reader = new FixtureReader(clientFor(intent.target))));
    try {
      const lookup = await reader.find(intent.url, {
        filter: intent.filter,
        matches: (item) => sameName(itemName(intent.resource, item) ?? '', intent.name),
        wanted: `named "${intent.name}"`,
      });
      return { items: lookup.items, answered: lookup.answered };
    } catch {
      return { items: [], answered: false }; // no answer at all (timeout, refused connection): reported, not guessed
    }
  };
  const resolution = await resolveIntents(intents, find, runTag);
  const entries = resolution.entries.filter((e) => !swept.has(idKey(e)));
  for (const e of entries) {
    swept.add(idKey(e));
    const { at: _at, ...entry } = e;
    ledger.recordCreated(entry);
  }
  return { entries, unattributed: resolution.unattributed as Leftover[] };
}

/**
 * The warning block for the CLI summary: one line per item the run left on a host, with what a
 * person needs to find and delete it (name, URL — which ends with the id) and why it counts as left,
 * with the body of the host's last DELETE answer. Empty when nothing is left.
 */
export function renderLeftovers(sweep: Pick<SweepResult, 'leftovers'> | undefined): string[] {
  const leftovers = sweep?.leftovers ?? [];
  if (!leftovers.length) return [];
  const n = leftovers.length;
  const lines = ['', `⚠ LEFT ON THE HOST: ${n} item${n === 1 ? '' : 's'} this run created could not be confirmed deleted (exit status 3); delete ${n === 1 ? 'it' : 'them'} by hand:`];
  for (const l of leftovers) {
    const name = l.name ? ` "${l.name}"` : '';
    const said = l.lastDelete?.body ? ` (the DELETE answer: ${excerpt(l.lastDelete.body.replace(/\s+/g, ' '), 100, () => '…')})` : '';
    lines.push(`  ⚠ ${l.resource}${name} on ${l.target}: ${l.url} — ${l.why}${said}`);
  }
  return lines.map(redactText);
}
