// The certification bundle: what it holds, the manifest, redaction on the way in, and
// verify-bundle catching a one-byte change, an added file and a removed file. The bundle command
// runs the real CLI in a child process; the verify-bundle commands call its main() in this process.
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle, writeBundle, type BundleManifest } from '../../../src/ci/bundle.js';
import { InputUnreadableError } from '../../../src/errors.js';
import { MASK, registerSecret } from '../../../src/report/redact.js';
import { runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/cli-in-process.js';
import { filesContaining } from '../helpers/report-files.js';
import { check, doc, identity, REQ, reportDir } from './crafted.js';

const SECRET = 'bundle-test-secret-Zq81';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);

function makeBundle(): { dir: string; manifest: BundleManifest; from: string } {
  registerSecret(SECRET);
  const baselinePath = join(mkdtempSync(join(tmpdir(), 'bl-')), 'baseline.json');
  writeFileSync(baselinePath, JSON.stringify({ entries: [{ check: `${REQ.put412}/stale`, reason: 'known', expires: '2099-01-01' }] }));
  const from = reportDir(doc([check(REQ.put412, 'stale', 'fail'), check(REQ.post201, 'ok', 'pass')], { run: identity({ seed: 99 }) }), {
    'conformance.md': `# report\nleaked ${SECRET}\n`,
    'junit.xml': '<testsuites/>',
    'probe.json': '{"probe":true}',
    'allure-report/index.html': '<html>report</html>',
    'allure-report/data/attachments/shot.png': PNG,
    'allure-results/ignored.json': '{}',
  });
  const out = join(mkdtempSync(join(tmpdir(), 'bundle-')), 'bundle');
  return { ...writeBundle({ reportDir: from, out, baselineFile: baselinePath }), from };
}

describe(writeBundle.name, () => {
  it('should copy the reports, the HTML report as it is and the baseline, and list every file with its SHA-256', () => {
    const { dir, manifest } = makeBundle();
    expect(manifest.files.map((f) => f.path)).toEqual([
      'allure-report/data/attachments/shot.png',
      'allure-report/index.html',
      'baseline.json',
      'conformance.json',
      'conformance.md',
      'junit.xml',
      'probe.json',
    ]);
    expect(manifest.absent).toEqual(['probe.md']);
    expect(readFileSync(join(dir, 'allure-report/data/attachments/shot.png')).equals(PNG)).toBe(true); // binary: untouched
    expect(manifest.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('should record host identity, suite, profile, seed, baseline, verdict and times', () => {
    const { manifest } = makeBundle();
    expect(manifest).toMatchObject({
      format: 'edfi-conformance-bundle/1',
      host: { target: 'https://host.example/api', applicationName: 'Ed-Fi ODS/API', version: '7.3', dataModels: [{ name: 'Ed-Fi', version: '5.2.0' }] },
      suite: { version: '0.1.0', commit: 'a'.repeat(40) },
      profile: 'ods-7.3',
      seed: 99,
      startedAt: '2026-01-01T10:00:00.000Z',
      finishedAt: '2026-01-01T10:01:00.000Z',
      verdict: 'fail', // conformance.json carries no baseline judgement: the failure counts
      counts: { checks: 2, fail: 1, pass: 1 },
      baseline: { path: 'baseline.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('should run every text file through the redactor before hashing', () => {
    const { dir, manifest, from } = makeBundle();
    expect(readFileSync(join(from, 'conformance.md'), 'utf8')).toContain(SECRET); // the crafted input leaks it
    expect(filesContaining(dir, [SECRET])).toEqual([]);
    expect(readFileSync(join(dir, 'conformance.md'), 'utf8')).toContain(`leaked ${MASK}`);
    expect(manifest.files.find((f) => f.path === 'conformance.md')?.redacted).toBe(true);
    expect(verifyBundle(dir).intact).toBe(true);
  });

  it('should refuse to overwrite a directory that is not an earlier bundle', () => {
    const from = reportDir(doc([]));
    const busy = mkdtempSync(join(tmpdir(), 'busy-'));
    writeFileSync(join(busy, 'thesis.docx'), 'mine');
    expect(() => writeBundle({ reportDir: from, out: busy })).toThrow(/is not empty and holds no earlier bundle/);
    expect(existsSync(join(busy, 'thesis.docx'))).toBe(true);
    const { dir } = makeBundle();
    expect(() => writeBundle({ reportDir: from, out: dir })).not.toThrow(); // an earlier bundle is replaced
  });
});

describe(verifyBundle.name, () => {
  it('should pass an intact bundle', () => {
    const { dir, manifest } = makeBundle();
    expect(verifyBundle(dir)).toMatchObject({ intact: true, checked: manifest.files.length, changed: [], missing: [], added: [] });
  });

  it('should catch a one-byte change', () => {
    const { dir } = makeBundle();
    const file = join(dir, 'junit.xml');
    const bytes = readFileSync(file);
    bytes[1] = bytes[1]! ^ 0x01;
    writeFileSync(file, bytes);
    expect(verifyBundle(dir)).toMatchObject({ intact: false, changed: ['junit.xml'], missing: [], added: [] });
  });

  it('should catch an added file and a removed file', () => {
    const { dir } = makeBundle();
    mkdirSync(join(dir, 'allure-report/extra'), { recursive: true });
    writeFileSync(join(dir, 'allure-report/extra/new.js'), 'alert(1)');
    rmSync(join(dir, 'probe.json'));
    expect(verifyBundle(dir)).toMatchObject({ intact: false, changed: [], missing: ['probe.json'], added: ['allure-report/extra/new.js'] });
  });

  it('should say a directory without a manifest is not a bundle', () => {
    expect(() => verifyBundle(mkdtempSync(join(tmpdir(), 'nob-')))).toThrow(InputUnreadableError);
  });
});

describe('edfi-conformance bundle / verify-bundle (CLI)', () => {
  it('should write a bundle from a report directory, and exit 0 intact, 1 changed, 2 not a bundle', async () => {
    const from = reportDir(doc([check(REQ.post201, 'ok', 'pass')]), { 'junit.xml': '<testsuites/>' });
    const out = join(mkdtempSync(join(tmpdir(), 'cli-bundle-')), 'b');
    const written = await runCli(['bundle', '--from', from, '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^Bundle written to .*: 2 files, verdict pass \(absent: allure-report, conformance\.md, probe\.json, probe\.md\)\.$/m);
    const intact = await runMain(['verify-bundle', out]);
    expect([intact.code, intact.stdout.trim()]).toEqual([0, `Bundle intact: 2 files match manifest.json (${out}).`]);
    appendFileSync(join(out, 'conformance.json'), ' ');
    const changed = await runMain(['verify-bundle', out]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('changed: conformance.json');
    const notBundle = await runMain(['verify-bundle', from]);
    expect(notBundle.code).toBe(2);
    expect(notBundle.stderr.trim()).toMatch(/^edfi-conformance: .* is not a certification bundle \(no readable manifest\.json\)/);
  });
});
