// Redaction applied to everything the harness prints, attaches or writes: client secrets, bearer
// tokens, Basic credentials and token-endpoint bodies. Known secret strings are registered as they
// are seen (config secrets at start, tokens when fetched) and replaced wherever they appear; the
// patterns below catch the shapes we never want to leak even when the value was not registered.

export const MASK = '***';

const knownSecrets = new Set<string>();

/** Remember a secret value so every later redaction removes it. Very short values are ignored (too many false hits). */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= 4) knownSecrets.add(value);
}

/** Exposed for tests only. */
export function knownSecretCount(): number {
  return knownSecrets.size;
}

const SHAPES: Array<[RegExp, string]> = [
  // A credential has a digit or a base64/token punctuation mark; prose such as 'Basic Authorization
  // header' has neither and is left alone (registered secrets are removed above regardless).
  [/\b(Bearer|Basic)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
  [/("(?:client_secret|access_token|refresh_token|secret|password)"\s*:\s*")[^"]*(")/gi, `$1${MASK}$2`],
  [/\b(client_secret|access_token|refresh_token)=[^&\s"']*/gi, `$1=${MASK}`],
];

export function redactText(text: string): string {
  let out = text;
  // Longest first so a secret containing another secret is removed whole.
  for (const secret of [...knownSecrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out;
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

/** Deep-redact a JSON-like value (for meta and report files). */
export function redactValue<T>(value: T): T {
  return JSON.parse(redactText(JSON.stringify(value) ?? 'null')) as T;
}
