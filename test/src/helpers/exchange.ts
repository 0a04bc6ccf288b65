// Builds Exchange values for assertion tests.
import type { Exchange } from '../../../src/http/exchange.js';
import { classifyOperation } from '../../../src/contract/operations.js';

export function exchange(partial: { method?: string; url?: string; status: number; headers?: Record<string, string>; json?: unknown; text?: string }): Exchange {
  const method = partial.method ?? 'GET';
  const url = partial.url ?? 'http://h/data/v3/ed-fi/sessions';
  const text = partial.text ?? (partial.json === undefined ? '' : JSON.stringify(partial.json));
  return {
    request: { method, url, headers: { authorization: 'Bearer secret-token-for-tests' } },
    status: partial.status,
    headers: partial.headers ?? (partial.json === undefined ? {} : { 'content-type': 'application/json' }),
    text,
    json: partial.json,
    durationMs: 1,
    operation: classifyOperation(method, url),
    retries: 0,
  };
}
