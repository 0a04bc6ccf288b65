// A loopback pass-through for a token endpoint that remembers every access_token it hands out,
// so a test can grep reports for the exact tokens a run used.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startTokenRecorder(tokenUrl: string): Promise<{ url: string; tokens: string[]; stop(): Promise<void> }> {
  const tokens: string[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'content-type', 'accept']) if (req.headers[name]) headers[name] = String(req.headers[name]);
    const upstream = await fetch(tokenUrl, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    const text = await upstream.text();
    try {
      const token = (JSON.parse(text) as { access_token?: string }).access_token;
      if (token) tokens.push(token);
    } catch {
      /* not a token answer */
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`,
    tokens,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
