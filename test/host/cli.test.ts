// `npm run host` (host/main.ts): argument rules, and the real process printing one JSON line once
// listening, serving, and stopping cleanly on SIGTERM; bad arguments exit 2 with one sentence.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliArgumentError, parseHostArgs } from '../../host/cli-args.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

describe('parseHostArgs', () => {
  it('reads every option', () => {
    const options = parseHostArgs(['--port', '5000', '--database-url=postgres://u@h/db', '--no-change-queries', '--snapshot', '--token-lifetime', '60', '--print-json', '--fault', 'EtagUnquoted']);
    expect(options).toEqual({
      port: 5000,
      databaseUrl: 'postgres://u@h/db',
      changeQueries: false,
      snapshot: true,
      tokenLifetimeSeconds: 60,
      printJson: true,
      fault: 'EtagUnquoted',
    });
  });

  it.each([[['--port', 'abc']], [['--port']], [['--port', '70000']], [['--database-url', 'mysql://x']], [['--token-lifetime', '0']], [['--bogus']]])(
    'refuses %j with one sentence',
    (argv) => {
      expect(() => parseHostArgs(argv)).toThrow(CliArgumentError);
    },
  );
});

function run(args: string[]): { child: ReturnType<typeof spawn>; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(tsx, ['host/main.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

describe('host/main.ts process', () => {
  it('exits 2 with one sentence on a bad argument', async () => {
    const proc = run(['--port', 'abc']);
    expect(await proc.exit).toBe(2);
    expect(proc.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('prints one JSON line once listening, serves, and stops on SIGTERM', async () => {
    const proc = run(['--print-json']);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const text = proc.stdout();
          if (text.includes('\n')) {
            clearInterval(timer);
            resolve(text.split('\n')[0]);
          }
        }, 100);
        proc.exit.then((code) => {
          clearInterval(timer);
          reject(new Error(`exited ${code}: ${proc.stderr()}`));
        });
      });
      const printed = JSON.parse(line);
      expect(printed.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(Object.keys(printed.clients).sort()).toEqual(['full', 'noSessionsClaim', 'otherSchool', 'readOnly', 'shortLived']);
      expect(printed.clients.full.secret.length).toBeGreaterThanOrEqual(24);
      const discovery = await fetch(`${printed.baseUrl}/`);
      expect(discovery.status).toBe(200);
      proc.child.kill('SIGTERM');
      expect(await proc.exit).toBe(0);
    } finally {
      if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    }
  }, 60_000);
});
