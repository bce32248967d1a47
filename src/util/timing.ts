/**
 * Start-up timing marks for `SECRETS_WORKBOOK_TIMING=1` (printed to stderr on exit): where the
 * time to the first frame goes. Milliseconds since the process started (performance.now()), and
 * the CPU time used by then (user + system): on a busy machine the wall clock mostly measures
 * the other processes, the CPU time what start-up itself costs.
 */
const marks: Array<[string, number, number]> = [];

export function mark(name: string): void {
  if (!process.env.SECRETS_WORKBOOK_TIMING) return;
  const { user, system } = process.cpuUsage();
  marks.push([name, performance.now(), (user + system) / 1000]);
}

export function printMarks(): void {
  if (!process.env.SECRETS_WORKBOOK_TIMING || marks.length === 0) return;
  const lines = marks.map(
    ([name, at, cpu]) => `${at.toFixed(0).padStart(5)} ms  (cpu ${cpu.toFixed(0).padStart(4)} ms)  ${name}`,
  );
  process.stderr.write(`${lines.join('\n')}\n`);
}
