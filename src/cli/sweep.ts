// After the checks: delete whatever the ledger still lists (checks that crashed, were killed, or
// whose own cleanup failed), newest first, with each target's full-access client.
import { Ledger, sweep, type SweepResult, type TargetName } from '../fixtures/ledger.js';
import { ApiClient } from '../http/api-client.js';
import { TokenSource } from '../http/token-source.js';
import { Transport } from '../http/transport.js';
import type { RunContext, TargetInfo } from '../runtime/run-context.js';

export interface FinalSweep extends SweepResult {
  requests: number;
}

export async function sweepLedger(run: RunContext): Promise<FinalSweep> {
  const ledger = new Ledger(run.ledgerPath);
  const outstanding = ledger.outstanding();
  if (!outstanding.length) return { deleted: 0, alreadyGone: 0, failures: [], requests: 0 };
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
    const result = await sweep(outstanding, async (entry) => (await clientFor(entry.target).request({ method: 'DELETE', url: entry.url })).status, ledger);
    return { ...result, requests: transport.sent };
  } finally {
    await transport.close();
  }
}
