// Values shared between requests (the read cache hands the same rendered session to every GET):
// deep-frozen so no handler or fault can change them for the next request (a mutation throws in
// these ES modules instead of corrupting what later clients see), and, because they can never
// change, rendered to JSON text once per value (server.ts asks renderedJson for every body).
const shared = new WeakSet<object>();
const rendered = new WeakMap<object, Buffer>();

/** Freezes `value` and everything reachable from it, marks it as shared, and returns it. */
export function shareValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null || shared.has(value)) return value;
  for (const member of Object.values(value)) shareValue(member);
  Object.freeze(value);
  shared.add(value);
  return value;
}

/** True for values shareValue froze (a shallow Object.freeze elsewhere does not count). */
export function isShared(value: unknown): boolean {
  return typeof value === 'object' && value !== null && shared.has(value);
}

/** The indented JSON text of a body: rendered once per shared value, every time for any other. */
export function renderedJson(value: unknown): Buffer {
  if (!isShared(value)) return Buffer.from(JSON.stringify(value, null, 2), 'utf8');
  const key = value as object;
  let text = rendered.get(key);
  if (!text) {
    text = Buffer.from(JSON.stringify(value, null, 2), 'utf8');
    rendered.set(key, text);
  }
  return text;
}
