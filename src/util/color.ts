/**
 * Whether output gets colour, decided here for the terminal UI and for every command's plain
 * text: `NO_COLOR` (any non-empty value, no-color.org) or `FORCE_COLOR=0`/`false` turn it off;
 * `FORCE_COLOR` set otherwise turns it on (a CI log that renders colour); else colour only on a
 * terminal that is not dumb.
 */
export function colorEnabled(env: NodeJS.ProcessEnv = process.env, stream?: { isTTY?: boolean }): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force !== undefined) return true;
  if (stream && !stream.isTTY) return false;
  return env.TERM !== 'dumb';
}
