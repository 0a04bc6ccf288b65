// One answered HTTP request: what was sent and what came back. 4xx/5xx are data, not exceptions.
import type { OperationName } from '../contract/contract.js';

export interface ExchangeRequest {
  method: string;
  url: string;
  /** As sent, lower-case names. Redacted only when rendered. */
  headers: Record<string, string>;
  /** Bytes are sent as is (a check may send a body that is not UTF-8). */
  body?: string | Uint8Array;
}

export interface Exchange {
  request: ExchangeRequest;
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when the response is JSON (any +json type), else undefined. */
  json: unknown;
  durationMs: number;
  /** The contract operation this request maps to (Transport's contract), when it maps to one. */
  operation?: OperationName;
  /** How many 429/503 answers were retried before this one. */
  retries: number;
}

export interface RequestSpec {
  method?: string;
  /** Below the client's base URL (the data API root for api clients), e.g. '/ed-fi/sessions'. */
  path?: string;
  /** Absolute URL; wins over path. */
  url?: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string | undefined>;
  /** Serialised as JSON with Content-Type application/json (unless a content-type header is given). */
  json?: unknown;
  /** Sent as is; bytes for bodies that are not valid UTF-8. */
  body?: string | Uint8Array;
  /** Default true: renew the token once on a 401 'Invalid token'. False lets a check observe the 401. */
  renewOnInvalidToken?: boolean;
}
