// Redaction applied to everything the harness prints, attaches or writes: client secrets, bearer
// tokens, Basic credentials and token-endpoint bodies. Known secret strings are registered as they
// are seen (config secrets at start, tokens when fetched) and replaced wherever they appear; the
// shapes below catch what we never want to leak even when the value was never registered (a JWT, a
// token member of a body that is not JSON or was cut short).
//
// Order matters: text is redacted first and shortened or quoted afterwards (`excerpt()` does both
// in that order), because a cut can split a secret so that neither its registered value nor a
// shape matches any more. Text that was cut elsewhere (by the host, by an older report) is still
// guarded: a prefix or suffix fragment of a registered secret of FRAGMENT_MIN chars or more is
// masked too, and the member shapes mask to the end of the text when the closing quote is gone.

export const MASK = '***';

/** The shortest piece of a registered secret that is masked on its own (a cut-off head or tail). */
export const FRAGMENT_MIN = 12;

const knownSecrets = new Set<string>();
/** knownSecrets, longest first (a secret containing another is removed whole); rebuilt on change. */
let ordered: string[] = [];

function remember(value: string): void {
  if (knownSecrets.has(value)) return;
  knownSecrets.add(value);
  ordered = [...knownSecrets].sort((a, b) => b.length - a.length);
}

/** Remember a secret value so every later redaction removes it. Very short values are ignored (too many false hits). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < 4) return;
  remember(value);
  // The same value as it appears inside a JSON string (a secret with a quote or backslash in it).
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) remember(escaped);
}

/** Exposed for tests only. */
export function knownSecretCount(): number {
  return knownSecrets.size;
}

// Names of members that carry a credential. OAuth names are masked in every notation (JSON, form,
// query, XML); the generic ones only as quoted JSON keys, where prose cannot look like them.
const OAUTH_KEYS = 'access_token|refresh_token|id_token|client_secret';
const QUOTED_KEYS = `${OAUTH_KEYS}|secret|password|token`;
const CREDENTIAL_MEMBER = new RegExp(`^(?:${QUOTED_KEYS})$`, 'i');
// A quote, possibly escaped once or more (the member may sit inside a JSON string of a report).
const Q = `\\\\*["']`;

const SHAPES: Array<[RegExp, string]> = [
  // A credential has a digit, a base64/token punctuation mark or an inner dot; prose such as 'Basic
  // Authorization header' or 'a bearer token.' has none and is left alone (registered secrets are
  // removed above regardless).
  [/\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9_~+/=-]|[A-Za-z0-9._~+/=-]*\.[A-Za-z0-9])[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
  // "access_token": "…" — the value runs to its closing quote, or to the end of a line cut short
  // (a JSON string holds no raw line break, so the mask never swallows the lines after it).
  [new RegExp(`(${Q}(?:${QUOTED_KEYS})${Q}\\s*:\\s*\\\\*")[^"\\\\\\r\\n]*`, 'gi'), `$1${MASK}`],
  [new RegExp(`(${Q}(?:${QUOTED_KEYS})${Q}\\s*:\\s*\\\\*')[^'\\\\\\r\\n]*`, 'gi'), `$1${MASK}`],
  // Malformed JSON with an unquoted value: {"access_token": eyJ…}.
  [new RegExp(`(${Q}(?:${QUOTED_KEYS})${Q}\\s*:\\s*)(?=[^\\s"'\\\\])[^\\s,;}\\]"'\\\\]+`, 'gi'), `$1${MASK}`],
  // Form bodies, query strings, YAML-ish text: access_token=… / access_token: …
  [new RegExp(`\\b(${OAUTH_KEYS})(\\s*[=:]\\s*)(?=[^\\s"'\\\\])[^&\\s"'\\\\,;<]*`, 'gi'), `$1$2${MASK}`],
  // <access_token>…</access_token>, or to the end when cut.
  [new RegExp(`(<(?:${OAUTH_KEYS})>)[^<\\r\\n]*`, 'gi'), `$1${MASK}`],
];

// A JWT (base64url header.payload[.signature]; a JSON header always encodes to 'eyJ'), also when
// cut inside any of its parts. Masked whether or not the token was registered.
const JWT = /eyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
// Cheap gate: the member shapes can only match text that names one of these words.
const MEMBER_HINT = /token|secret|password/i;

/**
 * Masks `secret` and each cut-off head (prefix) or tail (suffix) of it, FRAGMENT_MIN chars or
 * longer. Two scans when the text holds none of it (the usual case): the head's, which also rules
 * out the whole secret, and the tail's.
 */
function maskSecret(text: string, secret: string): string {
  if (secret.length <= FRAGMENT_MIN) return text.includes(secret) ? text.split(secret).join(MASK) : text;
  const head = secret.slice(0, FRAGMENT_MIN);
  const tail = secret.slice(-FRAGMENT_MIN);
  let firstHead = text.indexOf(head);
  if (firstHead >= 0 && text.includes(secret, firstHead)) {
    text = text.split(secret).join(MASK);
    firstHead = text.indexOf(head);
  }
  if (firstHead < 0 && !text.includes(tail)) return text;
  const cuts: Array<[number, number]> = [];
  for (let at = firstHead; at >= 0; at = text.indexOf(head, at + 1)) {
    let end = at + FRAGMENT_MIN;
    while (end < text.length && end - at < secret.length && text[end] === secret[end - at]) end++;
    cuts.push([at, end]);
  }
  for (let at = text.indexOf(tail); at >= 0; at = text.indexOf(tail, at + 1)) {
    let start = at;
    const stop = at + FRAGMENT_MIN;
    while (start > 0 && stop - start < secret.length && text[start - 1] === secret[secret.length - (stop - start) - 1]) start--;
    cuts.push([start, stop]);
  }
  // Overlapping pieces (a head and a tail of the same short cut) become one mask.
  cuts.sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of cuts) {
    if (start >= from) out += text.slice(from, start) + MASK;
    from = Math.max(from, end);
  }
  return out + text.slice(from);
}

export function redactText(text: string): string {
  let out = text;
  for (const secret of ordered) out = maskSecret(out, secret);
  if (out.includes('eyJ')) out = out.replace(JWT, MASK);
  if (MEMBER_HINT.test(out)) for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  else out = out.replace(SHAPES[0]![0], SHAPES[0]![1]);
  return out;
}

/**
 * The one way to quote text in a message or report: redacted first, then cut to `max` characters
 * with a note of the full length. A cut can therefore never leave a piece of a secret behind.
 */
export function excerpt(text: string, max: number, ellipsis = (full: number): string => `… (${full} chars)`): string {
  const safe = redactText(text);
  return safe.length > max ? `${safe.slice(0, max)}${ellipsis(safe.length)}` : safe;
}

/** Candidate credentials in a response body: token members in any notation, and JWTs. For registration. */
export function tokensIn(text: string): string[] {
  if (!text || (!MEMBER_HINT.test(text) && !text.includes('eyJ'))) return [];
  const found = new Set<string>();
  const member = new RegExp(`\\b(?:${OAUTH_KEYS})\\\\*["']?\\s*[:=]\\s*\\\\*["']?([A-Za-z0-9._~+/=-]{8,})`, 'gi');
  for (const m of text.matchAll(member)) found.add(m[1]!);
  for (const m of text.matchAll(JWT)) found.add(m[0]);
  return [...found];
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(name.toLowerCase())) {
      const scheme = /^(Bearer|Basic)\s/i.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${MASK}` : MASK;
    } else {
      out[name] = redactText(value);
    }
  }
  return out;
}

/**
 * Deep-redact a JSON-like value (for meta and report files). Each string is redacted as it is, not
 * inside JSON.stringify's escaping, so a quoted token body in a message is seen with its real quotes.
 */
export function redactValue<T>(value: T): T {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v);
    if (!v || typeof v !== 'object' || seen.has(v)) return v;
    seen.add(v);
    if (Array.isArray(v)) return v.map(walk);
    const proto = Object.getPrototypeOf(v) as unknown;
    // Plain data only; other objects (bytes, class instances) are left as they are.
    if (proto !== Object.prototype && proto !== null) return v;
    // A member named like a credential is masked whatever its value looks like (a string alone says nothing).
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [redactText(k), typeof x === 'string' && CREDENTIAL_MEMBER.test(k) ? MASK : walk(x)]));
  };
  return walk(value) as T;
}

/**
 * Redacts an error in place before anything reports it: message, stack, and every other own member
 * (reporters serialise them all, e.g. JUnit's "Serialized Error: { facts: … }"), also of its cause.
 */
export function redactError<E>(error: E, depth = 0): E {
  if (!error || typeof error !== 'object' || depth > 3) return error;
  const e = error as Record<string, unknown>;
  for (const key of new Set(['message', 'stack', ...Object.keys(e)])) {
    const v = e[key];
    if (key === 'cause' && v && typeof v === 'object') redactError(v, depth + 1);
    else if (typeof v === 'string' || (v && typeof v === 'object')) {
      try {
        e[key] = redactValue(v);
      } catch {
        /* a read-only member: leave it */
      }
    }
  }
  return error;
}
