// Fixes applied to the generated Allure Report 3 (awesome) files so the report is offline-clean:
// - the awesome plugin (3.18) always embeds a Google Analytics loader; a conformance report must
//   not call out to third parties (and offline it logs a console error), so it is removed;
// - a multi-file report (singleFile off in allurerc.mjs) fetches widgets/metrics.json, which is only
//   written when metrics exist; an empty one avoids a 404 in the console. The single-file report
//   embeds its data and has no widgets folder, so this step does nothing there.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ANALYTICS = /<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[\s\S]*?gtag\([\s\S]*?<\/script>/g;

export function removeAnalytics(html: string): string {
  return html.replace(ANALYTICS, '');
}

export function postprocessAllureReport(reportDir: string): void {
  const index = join(reportDir, 'index.html');
  if (existsSync(index)) writeFileSync(index, removeAnalytics(readFileSync(index, 'utf8')));
  const metrics = join(reportDir, 'widgets', 'metrics.json');
  if (existsSync(join(reportDir, 'widgets')) && !existsSync(metrics)) writeFileSync(metrics, JSON.stringify({ current: [], history: [] }));
}
