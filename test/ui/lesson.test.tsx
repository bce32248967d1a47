import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { fakePlayground, KEYS, plainText, renderApp } from './harness.js';

afterEach(() => cleanup());

const firstLine = (frame: string) => plainText(frame).split('\n')[2] ?? '';

describe('lesson screen', () => {
  it('renders the markdown: headings, emphasis, tables and highlighted code', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 60 });
    const text = plainText(ui.frame());
    expect(text).toContain('Lesson 1 of 3: Why secrets management matters');
    expect(text).toContain('[Read]');
    expect(text).toContain('Quiz 0/2');
    expect(text).toMatch(/Database credentials\s+│ daily/);
    expect(text).toContain('DB_PASSWORD = "hunter2"'); // secrets-workbook:allow
    // Colour on: the code block carries highlight.js colours.
    expect(ui.frame()).toMatch(/\u001B\[\d+m"hunter2"/);
  });

  it('scrolls with j/k, arrows, space/b, PgDn/PgUp, g/G and keeps the frame inside the terminal', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 16 });
    const top = firstLine(ui.frame());
    expect(top).toContain('Why secrets management matters');
    await ui.press('j');
    const second = firstLine(ui.frame());
    expect(second).not.toBe(top);
    await ui.press('k');
    expect(firstLine(ui.frame())).toBe(top);
    await ui.press(KEYS.down, KEYS.down);
    await ui.press(KEYS.up);
    expect(firstLine(ui.frame())).toBe(second);
    await ui.press('g', ' ');
    const page2 = firstLine(ui.frame());
    expect(page2).not.toBe(top);
    await ui.press('b');
    expect(firstLine(ui.frame())).toBe(top);
    await ui.press(KEYS.pageDown);
    expect(firstLine(ui.frame())).toBe(page2);
    await ui.press(KEYS.pageUp);
    expect(firstLine(ui.frame())).toBe(top);
    await ui.press('G');
    expect(plainText(ui.frame())).toContain('The end of the first lesson.');
    expect(plainText(ui.frame())).toContain('100%');
    expect(plainText(ui.frame())).toContain('end of the text');
    for (const frame of ui.frames.slice(-5)) expect(frame.split('\n').length).toBeLessThanOrEqual(15);
  });

  it('re-flows on resize: narrower text wraps to more lines, none wider than the terminal', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, columns: 100, rows: 20 });
    await ui.press('G');
    const wideTotal = Number(/lines \d+–\d+ of (\d+)/.exec(plainText(ui.frame()))?.[1]);
    await ui.resize(40, 20);
    await ui.press('G');
    const narrow = plainText(ui.frame());
    const narrowTotal = Number(/lines \d+–\d+ of (\d+)/.exec(narrow)?.[1]);
    expect(narrowTotal).toBeGreaterThan(wideTotal);
    for (const line of narrow.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(narrow).toContain('The end of the first lesson.');
  });

  it('space at the end of the text turns to the next section; ← → and tab switch sections', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'approle-auth' }, rows: 40 });
    expect(ui.frame()).toContain('[Read]');
    await ui.press(' ');
    expect(ui.frame()).toContain('[Hands-on 0/2]');
    await ui.press(KEYS.right);
    expect(ui.frame()).toContain('[Quiz 0/1]');
    await ui.press(KEYS.tab);
    expect(ui.frame()).toContain('[Read]');
    await ui.press(KEYS.left);
    expect(ui.frame()).toContain('[Quiz 0/1]');
  });

  it('quiz: a wrong answer shows the right one and the explanation, a right one says so; both are recorded', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' } });
    await ui.press(KEYS.right);
    expect(ui.frame()).toContain('Question 1 of 2');
    expect(ui.frame()).toContain('What is the leading cause of credential exposure?');
    await ui.press('1');
    let text = plainText(ui.frame());
    expect(text).toContain('✗ Not quite: the answer is 2.');
    expect(text).toContain('Hardcoded secrets end up in repositories');
    await ui.press('r');
    expect(plainText(ui.frame())).not.toContain('Not quite');
    await ui.press(KEYS.down, KEYS.enter);
    expect(plainText(ui.frame())).toContain('✓ Right.');
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('Question 2 of 2');
    await ui.press('3');
    expect(plainText(ui.frame())).toContain('Not quite: the answer is 2.');
    await ui.press('n');
    text = plainText(await ui.waitFor((frame) => frame.includes('Quiz 1/2')));
    expect(text).toContain('Quiz finished: 1 of 2 answered right.');
    expect(text).toContain('What is the leading cause of credential exposure? (2 tries)');
    await vi.waitFor(async () => {
      const saved = (await ui.store.load()).progress.lessons['why-secrets'];
      expect(saved?.quiz['leading-cause']).toEqual({ correct: true, attempts: 2 });
      expect(saved?.quiz['rotation-helps']).toEqual({ correct: false, attempts: 1 });
      expect(saved?.status).toBe('in-progress');
    });
    expect(ui.frame()).toContain('Quiz 1/2');
  });

  it('a lesson is done once its quiz is right and its steps ticked', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'logs' } });
    await ui.press(KEYS.right);
    await ui.press('2');
    await ui.waitFor((frame) => frame.includes('Quiz 1/1'));
    await vi.waitFor(async () => expect((await ui.store.load()).progress.lessons.logs?.status).toBe('done'));
  });

  it('hands-on steps tick themselves when the playground says they are done', async () => {
    const vault = { done: new Set<string>() };
    const ui = await renderApp({
      open: { name: 'lesson', id: 'approle-auth' },
      services: { playground: fakePlayground(vault) },
      rows: 40,
    });
    await ui.press(KEYS.right);
    expect(plainText(ui.frame()).replace(/\s+/g, ' ')).toContain('which is not running: press v to start it');
    await ui.press('v');
    await ui.waitFor((frame) => frame.includes('export VAULT_TOKEN'));
    await ui.press('q');
    await ui.waitFor((frame) => plainText(frame).includes('waiting: auth:approle missing'));
    vault.done.add('auth:approle');
    await ui.waitFor((frame) => frame.includes('Hands-on 1/2'));
    expect(plainText(ui.frame())).toMatch(/✓ 1\. Enable AppRole/);
    expect(plainText(ui.frame())).toContain('Step done: Enable AppRole');
    vault.done.add('kv:database/backend');
    await ui.waitFor((frame) => frame.includes('Hands-on 2/2'));
    await vi.waitFor(async () =>
      expect((await ui.store.load()).progress.lessons['approle-auth']?.steps).toEqual({
        'enable-approle': true,
        'store-password': true,
      }),
    );
  });

  it('remembers the scroll position and reopens there', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 16 });
    await ui.press(' ', ' ');
    const line = firstLine(ui.frame());
    await vi.waitFor(async () =>
      expect((await ui.store.load()).progress.lessons['why-secrets']?.position ?? 0).toBeGreaterThan(0),
    );
    cleanup();
    const again = await renderApp({
      open: { name: 'lesson', id: 'why-secrets' },
      rows: 16,
      progress: (await ui.store.load()).progress,
    });
    expect(firstLine(again.frame())).toBe(line);
  });

  it('the text keeps its place while the learner visits the quiz and comes back', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 16 });
    await ui.press(' ');
    const line = firstLine(ui.frame());
    await ui.press(KEYS.right);
    await ui.waitFor((frame) => plainText(frame).includes('[Quiz'));
    await ui.press(KEYS.left);
    await ui.waitFor((frame) => plainText(frame).includes('[Read]'));
    expect(firstLine(ui.frame())).toBe(line);
  });

  it('a failed save is said on the lesson screen, not only on the home screen', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' }, rows: 16 });
    ui.store.update = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    await ui.press(' ');
    await ui.waitFor((frame) =>
      plainText(frame).includes('Could not save your progress: ENOSPC: no space left on device'),
    );
  });

  it('q goes back to the home screen', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'logs' } });
    await ui.press('q');
    expect(ui.frame()).toContain('secrets-workbook · secrets management');
  });
});
