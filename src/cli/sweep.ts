// After the checks: delete whatever the ledger still lists (checks that crashed, were killed, or
// whose own cleanup could not confirm an item gone), newest first, with each target's full-access
// client — patiently: DELETE, then GET until the host shows the item gone, retried with backoff
// (src/fixtures/sweep.ts). Whatever is still there is a Leftover, reported in the summary, in
// conformance.json and by exit status 3.
import { Ledger, PATIENT, sweep, type SweepPolicy, type SweepResult, type TargetName } from '../fixtures/ledger.js';
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
  if (!outstanding.length) return { deleted: 0, alreadyGone: 0, leftovers: [], failures: [], requests: 0 };
  const transport = new Transport({ timeoutMs: run.settings.timeoutMs, maxConcurrency: 1 });
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
  try {
    const result = await sweep(
      outstanding,
      {
        remove: async (entry) => clientFor(entry.target).request({ method: 'DELETE', url: entry.url }),
        look: async (entry) => clientFor(entry.target).request({ method: 'GET', url: entry.url }),
      },
      { ledger, policy },
    );
    return { ...result, requests: transport.sent };
  } finally {
    await transport.close();
  }
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
