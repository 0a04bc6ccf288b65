// Opens a page in headless Chromium and collects console errors and uncaught exceptions through
// the DevTools protocol (a WebSocket from undici); runs scripts in it and takes screenshots. Used to
// prove the HTML report loads cleanly from disk and shows its results, steps and attachments.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

export interface PageVisit {
  errors: string[];
  title: string;
  text: string;
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

function waitForDevTools(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not open DevTools in ${timeoutMs} ms: ${buffer.slice(-500)}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`chromium exited (${code}) before DevTools opened: ${buffer.slice(-500)}`)));
  });
}

/** One open page: run scripts in it, move to another URL, take a screenshot. */
export interface PageSession {
  /** Console errors, uncaught exceptions and failed loads seen so far. */
  errors: string[];
  navigate(url: string, settleMs?: number): Promise<void>;
  evaluate<T = unknown>(expression: string): Promise<T>;
  /** Polls `expression` until it is truthy or the time is up; returns its last value. */
  waitFor<T = unknown>(expression: string, timeoutMs?: number): Promise<T>;
  screenshot(path: string): Promise<void>;
}

export async function withPage<T>(chromium: string, fn: (page: PageSession) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const child = spawn(chromium, [...FLAGS, '--window-size=1400,1000', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  try {
    const browserWs = await waitForDevTools(child, 20_000);
    const httpBase = browserWs.replace(/^ws:\/\/([^/]+)\/.*$/, 'http://$1');
    const pages = (await (await fetch(`${httpBase}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
    const target = pages.find((p) => p.type === 'page');
    if (!target) throw new Error('chromium has no page target');

    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error('cannot connect to the page over DevTools')));
    });
    const errors: string[] = [];
    const pending = new Map<number, (result: unknown) => void>();
    let loaded: () => void = () => undefined;
    ws.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: Record<string, any>; result?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
      else if (msg.method === 'Runtime.consoleAPICalled' && (msg.params?.type === 'error' || msg.params?.type === 'assert')) {
        errors.push(`console.${msg.params.type}: ${(msg.params.args ?? []).map((a: { value?: unknown; description?: string }) => a.value ?? a.description).join(' ')}`);
      } else if (msg.method === 'Runtime.exceptionThrown') {
        errors.push(`uncaught: ${msg.params?.exceptionDetails?.exception?.description ?? msg.params?.exceptionDetails?.text}`);
      } else if (msg.method === 'Log.entryAdded' && msg.params?.entry?.level === 'error') {
        errors.push(`log: ${msg.params.entry.text} ${msg.params.entry.url ?? ''}`.trim());
      } else if (msg.method === 'Page.loadEventFired') loaded();
    });
    let nextId = 0;
    const call = (method: string, params: object = {}): Promise<any> => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const id = ++nextId;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve));
    };
    await call('Runtime.enable');
    await call('Log.enable');
    await call('Page.enable');
    const evaluate = async <R>(expression: string): Promise<R> => (await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }))?.result?.value as R;
    const page: PageSession = {
      errors,
      async navigate(url, settleMs = 500) {
        const load = new Promise<void>((resolve) => (loaded = resolve));
        await call('Page.navigate', { url });
        // A hash change fires no load event: the race ends it.
        await Promise.race([load, new Promise((r) => setTimeout(r, url.includes('#') ? 1_000 : 15_000))]);
        await new Promise((r) => setTimeout(r, settleMs));
      },
      evaluate,
      async waitFor<R>(expression: string, timeoutMs = 10_000): Promise<R> {
        const until = Date.now() + timeoutMs;
        let value = await evaluate<R>(expression);
        while (!value && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 200));
          value = await evaluate<R>(expression);
        }
        return value;
      },
      async screenshot(path) {
        const shot = (await call('Page.captureScreenshot', { format: 'png' })) as { data?: string } | undefined;
        if (!shot?.data) throw new Error('chromium returned no screenshot');
        writeFileSync(path, Buffer.from(shot.data, 'base64'));
      },
    };
    try {
      return await fn(page);
    } finally {
      ws.close();
    }
  } finally {
    // Chromium's helpers (renderer, GPU, zygote) share the process group we started it in.
    const exited = new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
    await new Promise((r) => setTimeout(r, 200));
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

export async function visitPage(chromium: string, url: string, settleMs = 3_000): Promise<PageVisit> {
  return withPage(chromium, async (page) => {
    await page.navigate(url, settleMs);
    const title = await page.evaluate<string>('document.title');
    const text = await page.evaluate<string>('document.body ? document.body.innerText : ""');
    return { errors: page.errors, title: String(title ?? ''), text: String(text ?? '') };
  });
}
