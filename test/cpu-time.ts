// CPU seconds (user + system) npm test has spent so far, its own and its finished children's
// (test/run-all.ts prints them per part: the project tests' vitest and its forks, the self-test's
// workers). The machine has 2 cores shared with other work, so wall times move with the load while
// CPU seconds say where the work goes. The children's share is Linux's (/proc/self/stat, cutime and
// cstime: descendants that were waited for); elsewhere only this process's own time is counted.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times: 100 on every Linux this suite runs on. */
const TICKS_PER_SECOND = 100;

function childrenSeconds(): number | undefined {
  try {
    // The command name (field 2) may hold spaces: the fields after its closing ')' are fixed.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime) are the 14th and 15th after the name.
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** CPU seconds spent so far by this process and its waited-for descendants. */
export function cpuSeconds(): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + (childrenSeconds() ?? 0);
}
