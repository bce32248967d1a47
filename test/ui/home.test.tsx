import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { emptyProgress } from '../../src/course/progress.js';
import { loadCourse } from '../../src/course/course.js';
import { defaultCourseLoaders } from '../../src/course/loaders.js';
import { KEYS, plainText, renderApp } from './harness.js';

afterEach(() => cleanup());

describe('home screen', () => {
  it('lists lessons and challenges with their state, the progress bar, the playground and the keys', async () => {
    const progress = emptyProgress();
    progress.lessons['why-secrets'] = {
      status: 'done',
      quiz: { 'leading-cause': { correct: true, attempts: 1 }, 'rotation-helps': { correct: true, attempts: 2 } },
      steps: {},
      position: 0,
    };
    progress.lessons['approle-auth'] = {
      status: 'in-progress',
      quiz: {},
      steps: { 'enable-approle': true },
      position: 0,
    };
    const ui = await renderApp({ progress });
    const frame = ui.frame();
    expect(frame).toContain('1/4 done');
    expect(frame).toContain('25%');
    expect(frame).toMatch(/✓ 1\. Why secrets management matters/);
    expect(frame).toMatch(/◐ 2\. Authenticating applications with AppRole/);
    expect(frame).toMatch(/○ 3\. Keeping secrets out of logs/);
    expect(frame).toContain('Challenges');
    expect(frame).toContain('Log in with AppRole and read the database password');
    expect(frame).toContain('Playground Vault: down');
    expect(frame).toContain('v playground Vault');
    expect(frame).toContain('q quit');
  });

  it('starts the selection on the first item not done, moves with arrows and j/k, opens with enter', async () => {
    const progress = emptyProgress();
    progress.lessons['why-secrets'] = {
      status: 'done',
      quiz: { 'leading-cause': { correct: true, attempts: 1 }, 'rotation-helps': { correct: true, attempts: 1 } },
      steps: {},
      position: 0,
    };
    const ui = await renderApp({ progress });
    expect(ui.frame()).toMatch(/› ◐|› ○ 2\./);
    await ui.press('j');
    expect(ui.frame()).toMatch(/› ○ 3\. Keeping/);
    await ui.press(KEYS.up, KEYS.up);
    expect(ui.frame()).toMatch(/› ✓ 1\. Why/);
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('Lesson 1 of 3: Why secrets management matters');
    await ui.press('q');
    expect(ui.frame()).toContain('1/4 done');
  });

  it('c continues with the first item not done; G and g jump to the ends', async () => {
    const ui = await renderApp();
    await ui.press('G');
    expect(ui.frame()).toMatch(/› ○ Log in with AppRole/);
    await ui.press('g');
    expect(ui.frame()).toMatch(/› ○ 1\. Why/);
    await ui.press('c');
    expect(ui.frame()).toContain('Lesson 1 of 3');
  });

  it('v opens the playground and starts it', async () => {
    const ui = await renderApp();
    await ui.press('v');
    await ui.waitFor((frame) => frame.includes("export VAULT_ADDR='http://127.0.0.1:18299'"));
    expect(ui.frame()).toContain('Playground Vault: up');
    await ui.press('q');
    expect(ui.frame()).toContain('Playground Vault: up · binary (OpenBao v2.7.2) · http://127.0.0.1:18299');
  });

  it('shows a notice (progress file kept aside) until a key is pressed', async () => {
    const ui = await renderApp({
      notices: [
        'Your progress file is not valid JSON; it was kept as /x/progress.json.bak and a fresh one was started.',
      ],
    });
    expect(ui.frame()).toContain('kept as /x/progress.json.bak');
    await ui.press('j');
    expect(ui.frame()).not.toContain('kept as');
  });

  it('q and esc on the home screen quit through the root (exit after the frame is committed)', async () => {
    const ui = await renderApp();
    expect(ui.exited()).toBe(false);
    await ui.press('q');
    expect(ui.exited()).toBe(true);
    const again = await renderApp();
    await again.press(KEYS.escape);
    // Escape takes a few more turns of the event loop than q; a starved machine can let a fixed 50 ms
    // timer run out before they do, so wait for the exit itself (an app that never exits still fails).
    await vi.waitFor(() => expect(again.exited()).toBe(true), { timeout: 5_000 });
  });

  it('ctrl-c quits from any screen', async () => {
    const ui = await renderApp();
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('Lesson 1');
    await ui.press(KEYS.ctrlC);
    expect(ui.exited()).toBe(true);
  });

  it('keys that arrive in one chunk (busy machine, paste) are each handled', async () => {
    const ui = await renderApp();
    await ui.press('jj\r');
    expect(ui.frame()).toContain('Lesson 3 of 3: Keeping secrets out of logs');
  });

  it('keeps the selected item visible in a short terminal', async () => {
    const ui = await renderApp({ rows: 12 });
    await ui.press('G');
    expect(ui.frame()).toMatch(/› ○ Log in with AppRole/);
    expect(ui.frame().split('\n').length).toBeLessThanOrEqual(11);
  });

  it('at 60 columns, says how many rows are above and below the ones that fit (the whole course)', async () => {
    const course = await loadCourse(defaultCourseLoaders());
    const ui = await renderApp({ course, columns: 60, rows: 24 });
    let text = plainText(ui.frame());
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const below = Number(/↓ (\d+) more/.exec(text)?.[1]);
    expect(below).toBeGreaterThan(0);
    expect(text).not.toMatch(/↑ \d+ more/);
    await ui.press('G');
    text = plainText(ui.frame());
    expect(text).toMatch(/↑ \d+ more/);
    expect(text).not.toMatch(/↓ \d+ more/);
    expect(text).toContain('A pre-commit hook that finds secrets');
    // Every row is shown or counted: the counts and the visible rows add up to the whole list.
    await ui.press('g');
    for (let i = 0; i < 8; i++) await ui.press('j');
    text = plainText(ui.frame());
    const above = Number(/↑ (\d+) more/.exec(text)?.[1]);
    const under = Number(/↓ (\d+) more/.exec(text)?.[1]);
    const shown = text.split('\n').filter((line) => /^[ ›] [✓◐○] |^(Lessons|Challenges)$/.test(line)).length;
    expect(above + under + shown).toBe(course.lessons.length + course.challenges.length + 2);
    const plain = await renderApp({ course, columns: 60, rows: 24, plain: true });
    expect(plainText(plain.frame())).toMatch(/\(\d+ more below\)/);
  });
});
