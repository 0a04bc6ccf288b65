// A curl command that reproduces a request, with secrets masked.
import type { ExchangeRequest } from '../http/exchange.js';
import { redactHeaders, redactText } from './redact.js';

// Headers undici adds on its own; repeating them only adds noise.
const IMPLICIT = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'user-agent']);

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: ExchangeRequest): string {
  const parts = ['curl', '-i', '-X', request.method.toUpperCase()];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) {
    if (IMPLICIT.has(name.toLowerCase())) continue;
    parts.push('-H', quote(`${name}: ${value}`));
  }
  if (typeof request.body === 'string' && request.body !== '') parts.push('--data-raw', quote(redactText(request.body)));
  // Bytes that may not be text: give them as hex for `xxd -r -p | curl --data-binary @-`.
  else if (request.body instanceof Uint8Array && request.body.length) parts.push('--data-binary', quote(`<hex:${Buffer.from(request.body).toString('hex')}>`));
  parts.push(quote(redactText(request.url)));
  return parts.join(' ');
}
