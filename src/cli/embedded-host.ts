// The only module in src/ that knows the reference host: with no --base-url the run starts it
// in-process (a main host, one with a snapshot, one with change queries disabled, so every check
// has a target) and fills the role credentials from the host's seeded clients.
import type { Credentials, Role } from '../runtime/run-context.js';

interface RunningHost {
  baseUrl: string;
  clients: Record<'full' | Role, Credentials>;
  stop(): Promise<void>;
}

interface HostModule {
  startHost(options: { port?: number; hostname?: string; changeQueries?: boolean; snapshot?: boolean; quiet?: boolean }): Promise<RunningHost>;
}

export interface EmbeddedHosts {
  main: RunningHost;
  snapshot?: RunningHost;
  changeQueriesDisabled?: RunningHost;
  stop(): Promise<void>;
}

async function loadHost(): Promise<HostModule> {
  // Held in a variable so the harness type-checks while host/index.ts is being written.
  const specifier = '../../host/index.js';
  return (await import(specifier)) as HostModule;
}

export async function startEmbeddedHosts(options: { secondary?: boolean } = {}): Promise<EmbeddedHosts> {
  const { startHost } = await loadHost();
  const started: RunningHost[] = [];
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((h) => h.stop()));
  };
  try {
    const main = await startHost({ port: 0, hostname: '127.0.0.1', quiet: true });
    started.push(main);
    let snapshot: RunningHost | undefined;
    let changeQueriesDisabled: RunningHost | undefined;
    if (options.secondary !== false) {
      [snapshot, changeQueriesDisabled] = await Promise.all([
        startHost({ port: 0, hostname: '127.0.0.1', snapshot: true, quiet: true }),
        startHost({ port: 0, hostname: '127.0.0.1', changeQueries: false, quiet: true }),
      ]);
      started.push(snapshot, changeQueriesDisabled);
    }
    return { main, snapshot, changeQueriesDisabled, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
