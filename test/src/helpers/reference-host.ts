// Starts the reference host (host/index.ts) for harness tests, and counts what it holds.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HOST_ENTRY = fileURLToPath(new URL('../../../host/index.ts', import.meta.url));
export const hostAvailable = existsSync(HOST_ENTRY);

export interface TestHost {
  baseUrl: string;
  clients: Record<string, { key: string; secret: string }>;
  stop(): Promise<void>;
  /** Every access token the host handed out (host/inspect.ts), for greps of a run's output. */
  inspect: { issuedTokens(): readonly string[] };
}

export async function startReferenceHost(options: Record<string, unknown> = {}): Promise<TestHost> {
  const specifier = '../../../host/index.js';
  const mod = (await import(specifier)) as { startHost(o: Record<string, unknown>): Promise<TestHost> };
  return mod.startHost({ port: 0, hostname: '127.0.0.1', quiet: true, ...options });
}

async function token(host: TestHost): Promise<string> {
  const { key, secret } = host.clients.full!;
  const res = await fetch(`${host.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Items of a resource on the host (all pages), via the full client. */
export async function countItems(host: TestHost, resource: 'sessions' | 'courseOfferings'): Promise<number> {
  const bearer = await token(host);
  let count = 0;
  for (let offset = 0; ; offset += 500) {
    const res = await fetch(`${host.baseUrl}/data/v3/ed-fi/${resource}?limit=500&offset=${offset}`, { headers: { authorization: `Bearer ${bearer}` } });
    if (res.status !== 200) throw new Error(`GET ${resource} answered ${res.status}`);
    const page = (await res.json()) as unknown[];
    count += page.length;
    if (page.length < 500) return count;
  }
}
