// Which requests a write hold keeps out (t.withoutOtherWrites, src/runtime/permits.ts): the ones
// that move newestChangeVersion or read it. newestChangeVersion is one counter across every
// resource (CONTRACT.md §5), so every write of the data API counts, whatever the resource; a read
// of availableChangeVersions counts too, so the holder's reads of it come back to back (a host
// that load-balances them over a lagging replica answers them in a fixed alternation, and another
// check's read in between would shift it). Token requests write nothing and are let through.
// The transport marks each request on its async call chain (an AsyncLocalStorage), which the
// worker's gate reads when the request asks for its permit: the gate itself never sees a request.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Exchange, ExchangeRequest } from '../http/exchange.js';
import { Transport, type TransportOptions } from '../http/transport.js';

/** Set (true) on the call chain of a request that a write hold keeps out. */
export const writeScope = new AsyncLocalStorage<boolean>();

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Origin and path of a URL (no query), lower-cased; the URL itself when it does not parse. */
function place(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/**
 * Whether a write hold keeps `req` out: any method but GET, HEAD and OPTIONS except to a token
 * URL, and a read of an availableChangeVersions URL.
 */
export function movesOrReadsChangeVersions(req: Pick<ExchangeRequest, 'method' | 'url'>, urls: { token: string[]; availableChangeVersions: string[] }): boolean {
  const at = place(req.url);
  if (SAFE_METHODS.has(req.method.toUpperCase())) return urls.availableChangeVersions.some((u) => place(u) === at);
  return !urls.token.some((u) => place(u) === at);
}

/** A transport that marks the requests a write hold keeps out before they ask for a permit. */
export class WriteMarkingTransport extends Transport {
  private readonly urls: { token: string[]; availableChangeVersions: string[] };

  constructor(options: TransportOptions, urls: { token: string[]; availableChangeVersions: string[] }) {
    super(options);
    this.urls = urls;
  }

  override send(req: ExchangeRequest): Promise<Exchange> {
    return writeScope.run(movesOrReadsChangeVersions(req, this.urls), () => super.send(req));
  }
}
