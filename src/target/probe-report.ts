// probe.json and probe.md: what the probe asked the target, what it answered and what the probe
// concluded (capabilities with the answer that decided each, fixtures and how they were found, or
// the sentence the run stopped with). Written for every run, and above all for a run that exits 2,
// where it is the only account of why. Both files pass through the redactor once more.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactText, redactValue } from '../report/redact.js';
import { quoteEvidence } from '../runtime/evidence.js';
import type { ProbeEntry, ProbeLogData } from './probe-log.js';

export const PROBE_JSON = 'probe.json';
export const PROBE_MARKDOWN = 'probe.md';

export interface ProbeReportPaths {
  json: string;
  markdown: string;
}

/** A markdown table cell: no line breaks, pipes escaped. */
const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

/** Request headers worth showing: the ones a probe request adds on purpose (Use-Snapshot…). */
const ROUTINE = new Set(['accept', 'authorization', 'content-type', 'user-agent']);

function requestCell(e: ProbeEntry): string {
  const extra = Object.entries(e.requestHeaders).filter(([name]) => !ROUTINE.has(name));
  return `${e.method} ${e.url}${extra.length ? ` (${extra.map(([n, v]) => `${n}: ${v}`).join(', ')})` : ''}`;
}

export function renderProbeMarkdown(data: ProbeLogData): string {
  const lines: string[] = [`# Probe${data.target ? ` of ${data.target.urls.root}` : ''}`, '', `Started ${data.startedAt}; ${data.requests.length} requests.`, ''];
  if (data.failure) lines.push(`**The run could not be made:** ${data.failure}`, '');
  if (data.target) {
    const d = data.target.discovery;
    const u = data.target.urls;
    lines.push('## Target', '');
    if (d.applicationName || d.version) lines.push(`- ${[d.applicationName, d.version, d.informationalVersion].filter(Boolean).join(' ')}`);
    lines.push(`- token: ${u.token}`, `- data: ${u.data}`, `- change queries: ${u.changeQueries ?? '(none named)'}`, `- OpenAPI: ${u.openApi ?? '(none)'}`, '');
  }
  if (data.capabilities) {
    lines.push('## Capabilities', '', '| capability | value | decided by |', '|---|---|---|');
    for (const [name, value] of Object.entries(data.capabilities)) {
      const e = data.evidence[name as keyof typeof data.evidence];
      lines.push(`| ${name} | ${value ? 'yes' : 'no'} | ${cell(e ? `${quoteEvidence(e)} — ${e.concluded}` : 'the settings')} |`);
    }
    lines.push('');
  }
  if (data.fixtures.length) {
    lines.push('## Fixtures', '', '| fixture | value | how |', '|---|---|---|');
    for (const f of data.fixtures) lines.push(`| ${f.fixture} | ${cell(f.value ?? '(none)')} | ${cell(f.how)} |`);
    lines.push('');
  }
  lines.push('## Requests', '', 'In the order they were sent; requests sent at the same time ran in parallel.', '', '| # | at ms | request | status | ms | answer |', '|---|---|---|---|---|---|');
  for (const e of data.requests) {
    lines.push(`| ${e.n} | ${e.atMs} | ${cell(requestCell(e))} | ${e.status || 'none'} | ${e.durationMs} | ${cell(e.error ?? (e.body || '(empty)'))} |`);
  }
  return redactText(`${lines.join('\n')}\n`);
}

export function writeProbeReport(dir: string, data: ProbeLogData): ProbeReportPaths {
  mkdirSync(dir, { recursive: true });
  const paths = { json: join(dir, PROBE_JSON), markdown: join(dir, PROBE_MARKDOWN) };
  writeFileSync(paths.json, `${JSON.stringify(redactValue(data), null, 2)}\n`);
  writeFileSync(paths.markdown, renderProbeMarkdown(data));
  return paths;
}
