// The whole CLI against stand-in targets that do not deserve trust (issue 9, items 6 and 7):
// - a host that issues JWTs, refuses every DELETE, and whose token answers the checks quote while
//   failing: every leftover is reported (summary, conformance.json, exit 3) and no 12-char piece of
//   any token reaches the output, junit.xml, conformance.json or the Allure results;
// - a host that answers the first DELETE of each item 404 while keeping it, and then serves deleted
//   items for a second more: the cleanup is not fooled either way and nothing is left (a run in this
//   process, helpers/cli-in-process.ts: the sweep is the runner's).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTarget, type FakeTarget } from '../helpers/fake-target.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesUnder } from '../helpers/report-files.js';

const WINDOW = 12;

/** Every WINDOW-char piece of any needle found in the text (empty when nothing leaks). */
function leaks(text: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const n of needles) for (let i = 0; i + WINDOW <= n.length; i++) if (text.includes(n.slice(i, i + WINDOW))) found.push(n.slice(i, i + WINDOW));
  return found;
}

interface Leftover { id: string; target: string; url: string; name?: string; resource: string; lastDelete?: { status?: number; body?: string }; why: string }

describe('a host that issues JWTs and refuses every DELETE', () => {
  let fake: FakeTarget;
  let result: CliResult;
  let reportDir: string;
  let report: { leftovers: Leftover[]; sweep: { leftovers: Leftover[] }; checks: Array<{ title: string; verdict: string }> };

  beforeAll(async () => {
    fake = await startFakeTarget({
      tokens: 'jwt',
      onDelete: () => ({ status: 405, body: { type: 'urn:ed-fi:api:method-not-allowed', title: 'Method Not Allowed', status: 405, detail: 'Deletes are switched off on this host.' } }),
    });
    reportDir = mkdtempSync(join(tmpdir(), 'conf-leftovers-'));
    result = await runCli(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--no-html', '--seed', '11'], {
      EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts,test/src/fixtures-specs/token-leak.spec.ts',
    });
    report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8'));
  }, 120_000);
  afterAll(async () => fake?.stop());

  it('should exit 3 (leftovers) although checks also failed', () => {
    expect(result.code, result.stdout + result.stderr).toBe(3);
    expect(report.checks.some((c) => c.verdict === 'fail')).toBe(true);
  });

  it('should report every item still on the host, with its id, name, URL and the last answers', () => {
    const onHost = [...fake.sessions.keys(), ...fake.courseOfferings.keys()].sort();
    expect(onHost.length).toBeGreaterThanOrEqual(3); // two sessions and a course offering
    expect(report.leftovers.map((l) => l.id).sort()).toEqual(onHost);
    expect(report.sweep.leftovers).toEqual(report.leftovers);
    for (const l of report.leftovers) {
      expect(l.target).toBe('main');
      expect(l.url).toContain(`/data/v3/ed-fi/${l.resource}/${l.id}`);
      expect(l.name).toMatch(/./);
      expect(l.lastDelete?.status).toBe(405);
      expect(l.lastDelete?.body).toContain('Deletes are switched off');
      expect(l.why).toMatch(/^DELETE answered 405; GET then answered 200$/);
    }
  });

  it('should show one warning line per leftover in the summary', () => {
    expect(result.stdout).toMatch(new RegExp(`⚠ LEFT ON THE HOST: ${report.leftovers.length} items this run created could not be confirmed deleted \\(exit status 3\\)`));
    for (const l of report.leftovers) {
      const line = result.stdout.split('\n').find((x) => x.includes(l.url));
      expect(line, l.id).toBe(`  ⚠ ${l.resource} "${l.name}" on main: ${l.url} — DELETE answered 405; GET then answered 200 (the DELETE answer: {"type":"urn:ed-fi:api:method-not-allowed","title":"Method Not Allowed","status":405,"detail":"Delet…)`);
    }
  });

  it('should quote the token answers in the failures (so the leak test means something)', () => {
    // More than a handful of failures: the per-check detail goes to failures.txt, not the console.
    const detail = readFileSync(join(reportDir, 'failures.txt'), 'utf8');
    expect(detail).toMatch(/quotes an unexpected 200 from the token endpoint[\s\S]*observed: 200 \{"access_token":"\*\*\*"/);
    expect(report.checks.filter((c) => /token/.test(c.title) && c.verdict !== 'pass')).toHaveLength(5);
  });

  it('should leave no 12-char piece of any issued token, the secret or the Basic credential in any output', () => {
    expect(fake.tokensIssued.length).toBeGreaterThanOrEqual(6);
    expect(fake.tokensIssued.every((t) => t.length > 500 && t.startsWith('eyJ'))).toBe(true);
    const needles = [...fake.tokensIssued, fake.secret, Buffer.from(`${fake.key}:${fake.secret}`).toString('base64')];
    const files = filesUnder(reportDir);
    expect(files.some((f) => f.endsWith('junit.xml'))).toBe(true);
    expect(files.filter((f) => f.includes('allure-results')).length).toBeGreaterThan(5);
    const leaked = files.map((f) => ({ f, hits: leaks(readFileSync(f).toString('utf8'), needles) })).filter((x) => x.hits.length);
    expect(leaked).toEqual([]);
    expect(leaks(result.stdout + result.stderr, needles)).toEqual([]);
  });
});

describe('a host that answers 404 to the first DELETE but keeps the item, then serves deleted items for a second', () => {
  it('should not be fooled: no leftover, nothing on the host, exit 1 from the failing fixture check only', async () => {
    const fake = await startFakeTarget({
      onDelete: ({ attempt }) => (attempt === 1 ? { status: 404, remove: false, body: { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'Resource to delete was not found.' } } : undefined),
      visibleAfterDeleteMs: 1000,
    });
    try {
      const reportDir = mkdtempSync(join(tmpdir(), 'conf-lying-'));
      const result = await runMain(['run', '--base-url', fake.baseUrl, '--key', fake.key, '--secret', fake.secret, '--report-dir', reportDir, '--no-html'], {
        EDFI_CONFORMANCE_SPECS: 'test/src/fixtures-specs/verdicts.spec.ts',
      });
      const report = JSON.parse(readFileSync(join(reportDir, 'conformance.json'), 'utf8')) as { leftovers: unknown[]; sweep: { deleted: number; alreadyGone: number } };
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(fake.sessions.size + fake.courseOfferings.size).toBe(0);
      expect(report.leftovers).toEqual([]);
      // The checks' own cleanup saw the lying 404 and left every item to the final sweep, which deleted them.
      expect(report.sweep.deleted).toBe(3);
      expect(result.stdout).not.toContain('LEFT ON THE HOST');
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
