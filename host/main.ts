// `npm run host`: runs the reference host until SIGINT/SIGTERM. Prints the API root and the
// seeded client credentials (or, with --print-json, one JSON line for scripts). Exit 2 on bad
// arguments (an unknown fault, or faults that cannot be combined), 1 when the host cannot start.
import { CliArgumentError, parseHostArgs } from './cli-args.js';
import { FaultCompositionError, UnknownFaultError, startHost } from './index.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliArgumentError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { printJson, ...hostOptions } = options;
  let host;
  try {
    host = await startHost(hostOptions);
  } catch (error) {
    if (error instanceof UnknownFaultError || error instanceof FaultCompositionError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`The host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (printJson) {
    process.stdout.write(`${JSON.stringify({ baseUrl: host.baseUrl, clients: host.clients })}\n`);
  } else {
    const lines = [`Ed-Fi ODS/API 7.3 reference host listening at ${host.baseUrl}`];
    if (host.faultIds.length) lines.push(`Fault${host.faultIds.length > 1 ? 's' : ''} injected: ${host.faultIds.join(', ')}`);
    lines.push('Clients (role: key / secret):');
    for (const [role, credentials] of Object.entries(host.clients)) lines.push(`  ${role}: ${credentials.key} / ${credentials.secret}`);
    lines.push('Press Ctrl+C to stop.');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
