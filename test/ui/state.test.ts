import { buildProgram } from '../../src/program.js';
import { describe, expect, it } from 'vitest';
import { emptyProgress } from '../../src/course/progress.js';
import { appReducer, currentScreen, initialState } from '../../src/ui/state.js';
import { courseOutline, inCi, interactiveProblem } from '../../src/ui/headless.js';
import { fixtureCourse } from './harness.js';

describe('app reducer', () => {
  it('opens screens on a stack, back pops, back on home quits', () => {
    let state = initialState(emptyProgress());
    state = appReducer(state, { type: 'open', screen: { name: 'lesson', id: 'a' } });
    state = appReducer(state, { type: 'open', screen: { name: 'playground' } });
    expect(currentScreen(state)).toEqual({ name: 'playground' });
    expect(appReducer(state, { type: 'open', screen: { name: 'playground' } })).toBe(state);
    state = appReducer(state, { type: 'back' });
    expect(currentScreen(state)).toEqual({ name: 'lesson', id: 'a' });
    state = appReducer(state, { type: 'back' });
    expect(state.quitting).toBe(false);
    state = appReducer(state, { type: 'back' });
    expect(state.quitting).toBe(true);
  });

  it('back closes the help first; notices are deduplicated and dismissed together', () => {
    let state = appReducer(initialState(emptyProgress()), { type: 'help', open: true });
    state = appReducer(state, { type: 'back' });
    expect(state.help).toBe(false);
    expect(state.quitting).toBe(false);
    state = appReducer(state, { type: 'notice', text: 'a' });
    state = appReducer(state, { type: 'notice', text: 'a' });
    state = appReducer(state, { type: 'notice', text: 'b' });
    expect(state.notices).toEqual(['a', 'b']);
    expect(appReducer(state, { type: 'dismiss-notices' }).notices).toEqual([]);
  });
});

describe('interactive or headless (decided before Ink loads)', () => {
  const tty = { stdinIsTTY: true, stdoutIsTTY: true };
  it('needs both ends to be terminals, no CI variable and a terminal that can redraw', () => {
    expect(interactiveProblem({ ...tty, env: {} })).toBeUndefined();
    expect(interactiveProblem({ ...tty, stdinIsTTY: undefined, env: {} })).toBe('standard input is not a terminal');
    expect(interactiveProblem({ ...tty, stdoutIsTTY: false, env: {} })).toBe('standard output is not a terminal');
    expect(interactiveProblem({ ...tty, env: { CI: 'true' } })).toBe('a CI environment variable is set');
    expect(interactiveProblem({ ...tty, env: { CI_JOB_ID: '1' } })).toBe('a CI environment variable is set');
    expect(interactiveProblem({ ...tty, env: { TERM: 'dumb' } })).toMatch(/TERM is dumb/);
    expect(inCi({ CI: 'false' })).toBe(false);
    expect(inCi({ CI: '0' })).toBe(false);
    expect(inCi({ CONTINUOUS_INTEGRATION: '1' })).toBe(true);
  });

  it('the outline lists every lesson and challenge with its status and the commands', async () => {
    const course = await fixtureCourse();
    const progress = emptyProgress();
    progress.lessons.logs = {
      status: 'done',
      quiz: { 'what-to-log': { correct: true, attempts: 1 } },
      steps: {},
      position: 0,
    };
    const text = courseOutline(course, progress, 'standard input is not a terminal');
    expect(text).toContain('(1 of 4 done)');
    expect(text).toContain('The interactive course needs a terminal (standard input is not a terminal)');
    expect(text).toContain('1. Why secrets management matters [why-secrets] (new, 5 min)');
    expect(text).toContain('3. Keeping secrets out of logs [logs] (done, 4 min)');
    expect(text).toContain('- Log in with AppRole and read the database password [approle] (new)');
    expect(text).toContain('secrets-workbook list [--json]');
    expect(text).toContain('secrets-workbook grade <challenge>');
    // Every command the CLI has, each within 80 columns.
    const commands = buildProgram().commands.map((command) => command.name());
    expect(commands).toContain('classroom');
    for (const command of commands) expect(text).toMatch(new RegExp(`^  secrets-workbook ${command}\\b`, 'm'));
    for (const line of text.slice(text.indexOf('Commands:')).split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).not.toMatch(/\u001B/);
  });
});
