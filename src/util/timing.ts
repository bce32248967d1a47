/**
 * Start-up timing marks for `SECRETS_WORKBOOK_TIMING=1` (printed to stderr on exit): where the
 * time to the first frame goes. Milliseconds since the process started (performance.now()).
 */
const marks: Array<[string, number]> = [];

export function mark(name: string): void {
  if (process.env.SECRETS_WORKBOOK_TIMING) marks.push([name, performance.now()]);
}

export function printMarks(): void {
  if (!process.env.SECRETS_WORKBOOK_TIMING || marks.length === 0) return;
  process.stderr.write(`${marks.map(([name, at]) => `${at.toFixed(0).padStart(5)} ms  ${name}`).join('\n')}\n`);
}
