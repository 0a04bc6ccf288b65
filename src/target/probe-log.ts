// What the probe did and concluded, kept for probe.json / probe.md: every request it sent (the
// token requests included) with the answer, and its conclusions (capabilities with evidence,
// fixtures and how each was found, or the reason the run cannot be made). It is written also
// when the run exits 2, which is when a reader needs it most. Everything is redacted as it is
// recorded; token-endpoint bodies are masked whole (only their shape survives).
import { TransportError } from '../errors.js';
import type { Exchange, ExchangeRequest } from '../http/exchange.js';
import { Transport, type TransportOptions } from '../http/transport.js';
import { MASK, redactHeaders, redactText } from '../report/redact.js';
import { shortBody, type Evidence } from '../runtime/evidence.js';
import type { CapabilityFlag, DiscoveryInfo, TargetUrls } from '../runtime/run-context.js';
import type { FixtureFinding } from '../fixtures/discover.js';

/** Longer than an evidence body: the log is read when something went wrong. */
const LOG_BODY_MAX = 400;

export interface ProbeEntry {
  /** Order in which the request was sent (1-based). */
  n: number;
  /** Milliseconds after the probe started that the request was sent: shows what ran in parallel. */
  atMs: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  /** 0 when no answer came (then `error` says why). */
  status: number;
  durationMs: number;
  responseHeaders?: Record<string, string>;
  body: string;
  error?: string;
}

export interface ProbeLogData {
  startedAt: string;
  target?: { urls: TargetUrls; discovery: DiscoveryInfo };
  requests: ProbeEntry[];
  capabilities?: Partial<Record<CapabilityFlag, boolean>>;
  evidence: Partial<Record<CapabilityFlag, Evidence>>;
  fixtures: FixtureFinding[];
  /** The one sentence the run stopped with (exit 2), when it stopped in the probe. */
  failure?: string;
}

/** A token answer keeps its keys and numbers (expires_in says something); strings are masked. */
function maskTokenBody(text: string): string {
  if (!text) return '';
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === 'object' && !Array.isArray(json)) {
      const keep = new Set(['token_type', 'error']);
      const masked = Object.fromEntries(
        Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' || v === null || keep.has(k) ? v : MASK]),
      );
      return shortBody(JSON.stringify(masked), LOG_BODY_MAX);
    }
  } catch {
    // not JSON: nothing of it is kept
  }
  return MASK;
}

const isTokenRequest = (req: ExchangeRequest): boolean =>
  req.method === 'POST' && typeof req.body === 'string' && /\bgrant_type=/.test(req.body);

export class ProbeLog {
  private readonly started = performance.now();
  private sent = 0;
  readonly data: ProbeLogData = { startedAt: new Date().toISOString(), requests: [], evidence: {}, fixtures: [] };

  /** Called as a request leaves; returns the function that records its answer (or its failure). */
  begin(req: ExchangeRequest): (outcome: Exchange | { error: string }) => void {
    const n = ++this.sent;
    const sentAt = performance.now();
    const atMs = Math.round(sentAt - this.started);
    const token = isTokenRequest(req);
    return (outcome) => {
      const entry: ProbeEntry = {
        n,
        atMs,
        method: req.method,
        url: redactText(req.url),
        requestHeaders: redactHeaders(req.headers),
        status: 'status' in outcome ? outcome.status : 0,
        durationMs: 'status' in outcome ? outcome.durationMs : Math.round(performance.now() - sentAt),
        body: '',
      };
      if ('status' in outcome) {
        entry.responseHeaders = redactHeaders(outcome.headers);
        entry.body = token ? maskTokenBody(outcome.text) : shortBody(outcome.text, LOG_BODY_MAX);
      } else {
        entry.error = redactText(outcome.error);
      }
      // Answers arrive out of order when requests run in parallel; the log reads in sending order.
      const at = this.data.requests.findIndex((e) => e.n > n);
      this.data.requests.splice(at < 0 ? this.data.requests.length : at, 0, entry);
    };
  }

  fail(sentence: string): void {
    this.data.failure = redactText(sentence);
  }
}

/** A transport that tells the probe log about every request it sends and every answer it gets. */
export class RecordingTransport extends Transport {
  constructor(
    options: TransportOptions,
    private readonly log: ProbeLog,
  ) {
    super(options);
  }

  override async send(req: ExchangeRequest): Promise<Exchange> {
    const done = this.log.begin(req);
    try {
      const exchange = await super.send(req);
      done(exchange);
      return exchange;
    } catch (error) {
      done({ error: error instanceof TransportError ? error.message : String(error) });
      throw error;
    }
  }
}
