// The slice of newman's Node API the Postman oracle uses (newman ships no type declarations).
declare module 'newman' {
  export interface NewmanRunOptions {
    collection: object;
    environment?: object;
    reporters?: string[];
    timeoutRequest?: number;
    timeoutScript?: number;
  }
  export interface NewmanFailure {
    error: { name?: string; message: string; test?: string };
    source?: { name?: string };
    parent?: { name?: string };
  }
  export interface NewmanExecution {
    item: { name: string };
    request?: { method: string; url: { toString(): string } };
    response?: { code: number };
    assertions?: Array<{ assertion: string; error?: { message: string } }>;
  }
  export interface NewmanRunSummary {
    run: {
      stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number }; testScripts: { failed: number }; prerequestScripts: { failed: number } };
      failures: NewmanFailure[];
      executions: NewmanExecution[];
    };
  }
  export function run(options: NewmanRunOptions, callback: (error: Error | null, summary: NewmanRunSummary) => void): unknown;
  const newman: { run: typeof run };
  export default newman;
}
