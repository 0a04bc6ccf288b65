// ETag header assertions (CONTRACT.md §3): present, quoted, non-empty.
import type { Exchange } from '../http/exchange.js';
import { ensure } from './fail.js';

/** Returns the ETag header as sent (with quotes), for use in If-Match / If-None-Match. */
export function expectEtag(ex: Exchange): string {
  const etag = ex.headers['etag'];
  ensure(etag !== undefined, `a ${ex.status} answer should carry an ETag header`, { expected: 'ETag: "<value>"', observed: '(no ETag header)' }, ex);
  ensure(/^(W\/)?"[^"]+"$/.test(etag), 'the ETag header should be a quoted, non-empty value', { expected: '"<value>"', observed: etag }, ex);
  return etag;
}

/** The ETag without quotes (and weak prefix), as ODS stores it in `_etag`. */
export function unquoteEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
