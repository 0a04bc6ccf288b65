// Runs that cannot be made exit 2 within the timeout plus a few seconds, with one plain sentence.
// One case runs the real CLI in a child process (the exit status and stderr a shell sees); the
// others call its main() in this process (helpers/cli-in-process.ts): what they test is what the
// runner decides, and a spawned CLI costs a second of CPU to start before it decides anything.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

async function fake(mode: 'normal' | 'garbage-discovery' | 'silent'): Promise<FakeTarget> {
  const f = await startFakeTarget({ mode });
  stops.push(() => f.stop());
  return f;
}

/** Exit-2 runs still write probe.json/probe.md: into a temporary dir, never the repo's reports/. */
const tmpReports = (): string[] => ['--report-dir', mkdtempSync(join(tmpdir(), 'exit2-'))];

function expectOneSentenceExit2(r: CliResult, pattern: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('exit 2: the run could not be made', () => {
  it('should name an unreachable port', async () => {
    // A port that was just free: bind, read, close.
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const r = await runMain(['run', '--base-url', `http://127.0.0.1:${port}`, '--key', 'k', '--secret', 's', '--timeout-ms', '2000', ...tmpReports()]);
    expectOneSentenceExit2(r, /Cannot reach the target .*connection refused.*check --base-url/);
  });

  // The spawned case: the exit status, and a stderr of one sentence without the secret, as a shell sees them.
  it('should say the token endpoint refused a wrong secret', async () => {
    const f = await fake('normal');
    const r = await runCli(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', 'definitely-wrong-secret', ...tmpReports()]);
    expectOneSentenceExit2(r, /^edfi-conformance: The token endpoint refused the client credentials; check --key\/--secret\.$/);
    expect(r.stderr + r.stdout).not.toContain('definitely-wrong-secret');
  });

  it('should reject a garbage discovery document', async () => {
    const f = await fake('garbage-discovery');
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, ...tmpReports()]);
    expectOneSentenceExit2(r, /not an Ed-Fi discovery document .*check --base-url/);
  });

  it('should give up on a host that never answers within the timeout plus 3 s', async () => {
    const f = await fake('silent');
    const timeoutMs = 1500;
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, '--timeout-ms', String(timeoutMs), ...tmpReports()]);
    expectOneSentenceExit2(r, /no answer within 1500 ms/);
    // In this process there is no CLI start-up to allow for: the bound is the promise itself.
    expect(r.durationMs).toBeLessThan(timeoutMs + 3_000);
  });

  it('should name a missing prerequisite, and accept it from the config file', async () => {
    const f = await startFakeTarget({ fixtures: { termDescriptors: [] } });
    stops.push(() => f.stop());
    const r = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, ...tmpReports()]);
    expectOneSentenceExit2(r, /The target has no term descriptor \(GET …\/termDescriptors\?limit=500&offset=0 answered 200 \[0 items over 1 page\]\); give one with --term-descriptor \(EDFI_TERM_DESCRIPTOR\) or fixtures\.termDescriptor in the config file/);
    expect(f.writes).toBe(0);
    // Given in the config file, the run goes ahead (the fixture checks then decide: exit 1).
    const config = join(mkdtempSync(join(tmpdir(), 'cfg-td-')), 'conformance.json');
    writeFileSync(config, JSON.stringify({ fixtures: { termDescriptor: 'uri://ed-fi.org/TermDescriptor#Fall Semester' }, html: false }));
    const withConfig = await runMain(['run', '--base-url', f.baseUrl, '--key', f.key, '--secret', f.secret, '--config', config, '--report-dir', mkdtempSync(join(tmpdir(), 'rep-td-'))], {
      EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts',
    });
    expect(withConfig.code, withConfig.stderr).toBe(1);
  });

  it('should name a bad setting', async () => {
    const r = await runMain(['run', '--profile', 'odz']);
    expectOneSentenceExit2(r, /--profile: must be one of ods-7\.3, dms, guidelines \(got "odz"\)/);
  });

  it('should name an unknown resource and list the known ones', async () => {
    const r = await runMain(['run', '--resource', 'sessions,widgets']);
    expectOneSentenceExit2(r, /--resource: unknown resource 'widgets'; the suite knows sessions, courseOfferings$/);
  });
});
