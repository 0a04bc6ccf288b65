// Eventually consistent hosts show a write (or stop showing a deleted item) a moment later. A check
// that looks for its own change right after making it polls briefly, with a bound, before it
// concludes: a host that is merely slow passes, one that never shows the change still fails, in
// about two seconds. A correct host answers the first read, so this costs nothing there.
export const SETTLE_MS = 2_000;
const INTERVAL_MS = 200;

/** Repeats `read` until `settled` holds or SETTLE_MS have passed; returns the last value read. */
export async function eventually<T>(read: () => Promise<T>, settled: (value: T) => boolean, timeoutMs = SETTLE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (settled(value) || Date.now() >= deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}
