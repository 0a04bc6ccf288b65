// junit.xml written from the run's CheckResults (not by vitest's reporter), so CI tools see the
// suite's own verdicts under stable names: testcase name = check id, one testsuite per resource
// (`edfi.sessions`, `edfi.courseOfferings`; `edfi.api` for the API-wide token and discovery checks),
// classname `edfi.<resource>.<area>` and a `resource` property. Per resource because that is the
// grouping every JUnit viewer shows: GitLab and GitHub reporters list testsuites with their counts,
// Jenkins builds its package tree from the classname's dots (package edfi.sessions, class etag). fail → <failure>, error → <error>, warn → passed with a warning line in
// system-out, skip and blocked → <skipped> with the reason (blocked names what blocked it).
// Everything that comes from the host or a message passes through redactText.
import type { CheckResult } from './results.js';
import { redactText } from './redact.js';
import { groupByResource, resourceOfRequirement } from './resources.js';
import { RESOURCES } from '../resources/index.js';

export interface JunitInput {
  checks: readonly CheckResult[];
  suiteName?: string;
  /** ISO time the run started; written on each testsuite. */
  timestamp?: string;
  /** Suite-level problems (a spec that failed to load): one <error> testcase each. */
  suiteErrors?: readonly string[];
  /** The resources the run checked (suite order); default every resource the suite knows. */
  resources?: readonly string[];
}

/** The check's resource, from the collector or (older results) from its requirement. */
const resourceOf = (c: CheckResult): string | undefined => c.resource ?? resourceOfRequirement({ id: c.requirementId, operation: c.operation });
/** 'sessions', or 'api' for the API-wide checks: the middle of testsuite names and classnames. */
const suiteKey = (resource: string | null | undefined): string => resource ?? 'api';

// XML 1.0 forbids most control characters even when escaped; a host's body can contain them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Attribute values: redacted, escaped, one line (newlines become spaces), bounded. */
const attr = (text: string, max = 500): string => {
  const line = redactText(text).replace(/\s*\n\s*/g, ' ').trim();
  return xmlEscape(line.length > max ? `${line.slice(0, max - 1)}…` : line);
};
const body = (text: string): string => xmlEscape(redactText(text));
const seconds = (ms: number): string => (ms / 1000).toFixed(3);
const firstLine = (text: string): string => text.split('\n').find((l) => l.trim())?.trim() ?? '';

/** 'blocked by <id>: <reason>' (the worker's reason may already say it). */
function blockedMessage(c: CheckResult): string {
  const reason = firstLine(c.reason ?? '') || 'its set-up could not be done';
  return reason.startsWith('blocked by ') ? reason : `blocked by ${c.blockedBy ?? 'another requirement'}: ${reason}`;
}

function testcase(c: CheckResult): string {
  const classname = `edfi.${suiteKey(resourceOf(c))}.${c.area}`;
  const props = [
    ['resource', resourceOf(c) ?? 'none (API-wide)'],
    ['requirement', c.requirementId],
    ['level', c.level],
    ['title', c.title],
    ['verdict', c.verdict],
    ...(c.blockedBy ? [['blockedBy', c.blockedBy]] : []),
    ...(c.cause ? [['cause', c.cause.key]] : []),
    ...(c.decidedBy?.length ? [['decidedBy', c.decidedBy.join(', ')]] : []),
  ];
  const lines = [
    `    <testcase name="${attr(c.checkId)}" classname="${attr(classname)}" time="${seconds(c.durationMs)}">`,
    '      <properties>',
    ...props.map(([name, value]) => `        <property name="${attr(name!)}" value="${attr(value!)}"/>`),
    '      </properties>',
  ];
  const message = c.errors.length ? c.errors.join('\n\n') : (c.reason ?? '');
  const out: string[] = [`[${c.requirementId}] ${c.title} (${c.level})`];
  switch (c.verdict) {
    case 'fail':
      lines.push(`      <failure message="${attr(firstLine(message) || 'failed')}" type="${attr(c.cause?.requirementId ?? c.requirementId)}">${body(message)}</failure>`);
      break;
    case 'error':
      lines.push(`      <error message="${attr(firstLine(message) || 'the check broke')}" type="error">${body(message)}</error>`);
      break;
    case 'warn':
      out.push(`warning: ${c.level} not met: ${message}`);
      break;
    case 'blocked':
      lines.push(`      <skipped message="${attr(blockedMessage(c))}">${body(c.reason ?? '')}</skipped>`);
      break;
    case 'skip':
      lines.push(`      <skipped message="${attr(c.reason ?? 'skipped')}"/>`);
      break;
    case 'pass':
      break;
  }
  lines.push(`      <system-out>${body(out.join('\n'))}</system-out>`, '    </testcase>');
  return lines.join('\n');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function counts(checks: readonly CheckResult[], extraErrors = 0): Counts {
  return {
    tests: checks.length + extraErrors,
    failures: checks.filter((c) => c.verdict === 'fail').length,
    errors: checks.filter((c) => c.verdict === 'error').length + extraErrors,
    skipped: checks.filter((c) => c.verdict === 'skip' || c.verdict === 'blocked').length,
    time: checks.reduce((ms, c) => ms + c.durationMs, 0),
  };
}

const countAttrs = (c: Counts): string => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.time)}"`;

export function renderJunit(input: JunitInput): string {
  const suiteName = input.suiteName ?? 'edfi-sessions-conformance';
  const timestamp = input.timestamp ?? new Date().toISOString();
  const selected = input.resources ?? RESOURCES.map((d) => d.name);
  const suites = groupByResource(input.checks, resourceOf, selected).map(({ resource, items }) => {
    // Within a resource, area by area (the classname's last part) so viewers list them together.
    const checks = [...items].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
    return [`  <testsuite name="edfi.${attr(suiteKey(resource))}" ${countAttrs(counts(checks))} timestamp="${attr(timestamp)}">`, ...checks.map(testcase), '  </testsuite>'].join('\n');
  });
  const suiteErrors = input.suiteErrors ?? [];
  if (suiteErrors.length) {
    suites.push([
      `  <testsuite name="edfi.suite" ${countAttrs(counts([], suiteErrors.length))} timestamp="${attr(timestamp)}">`,
      ...suiteErrors.map((e, i) => `    <testcase name="suite-error-${i + 1}" classname="edfi.suite" time="0.000">\n      <error message="${attr(firstLine(e) || 'suite error')}" type="suite">${body(e)}</error>\n    </testcase>`),
      '  </testsuite>',
    ].join('\n'));
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(suiteName)}" ${countAttrs(counts(input.checks, suiteErrors.length))}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
