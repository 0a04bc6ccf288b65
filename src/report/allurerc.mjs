// Allure Report 3 configuration for the conformance HTML report. The runner passes the run's
// numbers through the environment: where the history file is, how many checks were expected (read
// late, see the rule), and the categories (defined in allure-setup.ts). The report is a single file: the awesome app
// otherwise fetches its data, which a browser refuses for a page opened from disk (file://).
// A plain object, not `defineConfig` from 'allure' (which returns it unchanged): that module is
// Allure's command line and runs it with the process's arguments when imported, which
// allure-build.mjs, not the allure CLI, would make it do.

const categories = process.env.EDFI_ALLURE_CATEGORIES ? JSON.parse(process.env.EDFI_ALLURE_CATEGORIES) : undefined;

export default {
  name: process.env.EDFI_ALLURE_REPORT_NAME ?? 'Ed-Fi sessions conformance',
  historyPath: process.env.EDFI_ALLURE_HISTORY ?? './reports/history.jsonl',
  // The trend of the last 20 runs: every run appends ~0.4 MB, and the single-file report embeds
  // the history it reads, so an unbounded file makes each report bigger and slower to build.
  historyLimit: 20,
  ...(categories ? { categories: { rules: categories } } : {}),
  plugins: {
    awesome: {
      options: {
        reportName: process.env.EDFI_ALLURE_REPORT_NAME ?? 'Ed-Fi sessions conformance',
        singleFile: true,
        reportLanguage: 'en',
        groupBy: ['epic', 'feature', 'story'],
      },
    },
  },
  qualityGate: {
    rules: [
      {
        id: 'no-must-failures',
        maxFailures: 0,
        // MUST requirements are labelled severity=critical by the harness.
        filter: (tr) => tr.labels.some((l) => l.name === 'severity' && l.value === 'critical'),
      },
      {
        id: 'expected-check-count',
        // Read when the rule is checked, not when the config is loaded: allure-build.mjs loads it
        // while the checks run, and the number of checks expected is known only after them.
        get minTestsCount() {
          return Number(process.env.EDFI_ALLURE_MIN_TESTS ?? '1');
        },
      },
    ],
  },
};
