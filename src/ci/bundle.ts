// The certification bundle: what a certifier archives after a run, and the check that nothing in
// it changed since. writeBundle() copies the run's reports (the HTML report as it is, conformance
// json/md, junit.xml, the probe report when present, the baseline used) through the redactor into
// a directory and writes manifest.json: host identity, suite version and commit, profile, seed,
// baseline, verdict, start/end time and the SHA-256 of every file. verifyBundle() rehashes.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { InputUnreadableError } from '../errors.js';
import { redactText } from '../report/redact.js';
import type { Verdict } from '../runtime/check-state.js';
import { CONFORMANCE_JSON, readConformance } from './conformance-file.js';
import { suiteIdentity, type RunIdentity, type SuiteIdentity } from './run-identity.js';
import { runFailed } from './verdict.js';

export const MANIFEST = 'manifest.json';
export const BUNDLE_FORMAT = 'edfi-conformance-bundle/1';

/** What a bundle takes from a report directory, when present. The HTML report is copied as it is. */
const REPORT_ENTRIES = ['allure-report', CONFORMANCE_JSON, 'conformance.md', 'junit.xml', 'probe.json', 'probe.md'];

export interface BundleFile {
  path: string;
  bytes: number;
  sha256: string;
  /** True when the redactor removed something on the way in. */
  redacted?: true;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  host: (RunIdentity['host'] & { target?: string; embedded?: boolean }) | null;
  suite: SuiteIdentity;
  profile?: string;
  seed?: number;
  startedAt?: string;
  finishedAt?: string;
  verdict: 'pass' | 'fail';
  counts: Partial<Record<Verdict, number>> & { checks: number };
  baseline: { file: string; path: string; sha256: string; covered: number; newFailures: number; expiredEntries: number } | null;
  /** Why an expected file is absent (the HTML report with --no-html, the probe report on older runs). */
  absent: string[];
  files: BundleFile[];
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

const posix = (path: string): string => path.split(sep).join('/');

/** Text files go through the redactor; binary ones (images) are copied as they are. */
function redactedBytes(bytes: Buffer): { bytes: Buffer; redacted: boolean } {
  if (bytes.includes(0)) return { bytes, redacted: false };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { bytes, redacted: false };
  }
  const clean = redactText(text);
  return clean === text ? { bytes, redacted: false } : { bytes: Buffer.from(clean, 'utf8'), redacted: true };
}

/** Refuses a --bundle directory that holds something other than an earlier bundle (it would be emptied). */
export function checkBundleTarget(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new InputUnreadableError(`--bundle: ${out} is a file; give a new or empty directory.`);
  if (readdirSync(out).length && !existsSync(join(out, MANIFEST))) {
    throw new InputUnreadableError(`--bundle: ${out} is not empty and holds no earlier bundle; give a new or empty directory.`);
  }
}

export function writeBundle(input: { reportDir: string; out: string; baselineFile?: string; now?: Date }): { dir: string; manifest: BundleManifest } {
  const reportDir = resolve(input.reportDir);
  const out = resolve(input.out);
  const doc = readConformance(reportDir);
  checkBundleTarget(out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  const absent: string[] = [];
  for (const name of REPORT_ENTRIES) {
    const from = join(reportDir, name);
    if (existsSync(from)) cpSync(from, join(out, name), { recursive: true });
    else absent.push(name);
  }
  // The baseline the run was judged against: the one given, else the one conformance.json names.
  const baselineSource = input.baselineFile ?? doc.baseline?.file;
  const baselineCopy = baselineSource && existsSync(baselineSource) ? 'baseline.json' : undefined;
  if (baselineCopy) cpSync(baselineSource!, join(out, baselineCopy));

  const files: BundleFile[] = filesUnder(out).map((full) => {
    const { bytes, redacted } = redactedBytes(readFileSync(full));
    if (redacted) writeFileSync(full, bytes);
    return { path: posix(relative(out, full)), bytes: bytes.length, sha256: sha256(bytes), ...(redacted ? { redacted: true as const } : {}) };
  });

  const counts: BundleManifest['counts'] = { checks: doc.checks.length };
  for (const c of doc.checks) counts[c.verdict] = (counts[c.verdict] ?? 0) + 1;
  const run = doc.run;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt: (input.now ?? new Date()).toISOString(),
    host: run ? { target: run.target, embedded: run.embedded, ...run.host } : doc.target ? { target: doc.target, dataModels: [] } : null,
    // The suite that ran the checks; a bundle of an older report falls back to the bundling suite.
    suite: run?.suite ?? suiteIdentity(),
    profile: run?.profile ?? doc.profile,
    seed: run?.seed ?? doc.seed,
    ...(run?.startedAt ? { startedAt: run.startedAt } : {}),
    finishedAt: run?.finishedAt ?? doc.generatedAt,
    verdict: runFailed({ checks: doc.checks, suiteErrors: doc.suiteErrors, sweepFailures: doc.sweep?.failures, qualityGate: doc.qualityGate, baseline: doc.baseline }) ? 'fail' : 'pass',
    counts,
    baseline:
      doc.baseline || baselineCopy
        ? {
            file: doc.baseline?.file ?? baselineSource!,
            path: baselineCopy ?? '',
            sha256: baselineCopy ? files.find((f) => f.path === baselineCopy)!.sha256 : '',
            covered: doc.baseline?.covered.length ?? 0,
            newFailures: doc.baseline?.newFailures.length ?? 0,
            expiredEntries: doc.baseline?.entries.filter((e) => e.status === 'expired').length ?? 0,
          }
        : null,
    absent,
    files,
  };
  writeFileSync(join(out, MANIFEST), redactText(`${JSON.stringify(manifest, null, 2)}\n`));
  return { dir: out, manifest };
}

export interface BundleVerification {
  dir: string;
  checked: number;
  changed: string[];
  missing: string[];
  added: string[];
  intact: boolean;
}

/** Rehashes every file a bundle's manifest lists and looks for files it does not list. Not a bundle: exit 2. */
export function verifyBundle(dir: string): BundleVerification {
  const root = resolve(dir);
  const manifestPath = join(root, MANIFEST);
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
  } catch {
    throw new InputUnreadableError(`${dir} is not a certification bundle (no readable ${MANIFEST}); give the directory written by --bundle or 'edfi-conformance bundle'.`);
  }
  if (manifest?.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files)) {
    throw new InputUnreadableError(`${manifestPath} is not a bundle manifest (format '${BUNDLE_FORMAT}' expected).`);
  }
  const escapes = manifest.files.find((f) => typeof f?.path !== 'string' || resolve(root, f.path) === root || !resolve(root, f.path).startsWith(root + sep));
  if (escapes) throw new InputUnreadableError(`${manifestPath} lists a file outside the bundle (${String(escapes?.path)}).`);

  const listed = new Set(manifest.files.map((f) => f.path));
  const present = filesUnder(root).map((f) => posix(relative(root, f))).filter((p) => p !== MANIFEST);
  const result: BundleVerification = { dir: root, checked: 0, changed: [], missing: [], added: present.filter((p) => !listed.has(p)), intact: false };
  for (const f of manifest.files) {
    const full = join(root, f.path);
    if (!existsSync(full) || !statSync(full).isFile()) {
      result.missing.push(f.path);
      continue;
    }
    result.checked++;
    if (sha256(readFileSync(full)) !== f.sha256) result.changed.push(f.path);
  }
  result.intact = !result.changed.length && !result.missing.length && !result.added.length;
  return result;
}

export function renderVerification(v: BundleVerification): string {
  if (v.intact) return `Bundle intact: ${v.checked} files match ${MANIFEST} (${v.dir}).`;
  const lines = [`Bundle CHANGED since it was written (${v.dir}):`];
  for (const p of v.changed) lines.push(`  changed: ${p}`);
  for (const p of v.missing) lines.push(`  missing: ${p}`);
  for (const p of v.added) lines.push(`  added:   ${p}`);
  return lines.join('\n');
}

