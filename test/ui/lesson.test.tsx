import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { emptyProgress } from '../../src/course/progress.js';
import { fakePlayground, fixtureCourse, KEYS, plainText, renderApp } from './harness.js';

afterEach(() => cleanup());

const firstLine = (frame: string) => plainText(frame).split('\n')[2] ?? '';
/** The digit that answers with the choice starting with `text` (the order is the learner's own). */
const digitOf = (frame: string, text: string) => {
  const match = new RegExp(`(\\d)\\. ${text}`).exec(plainText(frame));
  if (!match) throw new Error(`no choice "${text}" in:\n${plainText(frame)}`);
  return match[1]!;
};

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

  it('quiz: a wrong pick explains itself and leaves a try, a second reveals; options render inline markdown; all recorded', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'why-secrets' } });
    await ui.press(KEYS.right);
    expect(ui.frame()).toContain('Question 1 of 2');
    expect(ui.frame()).toContain('What is the leading cause of credential exposure?');
    let text = plainText(ui.frame());
    expect(text, 'no raw backticks in an option').toMatch(/\d\. Secrets hardcoded in source code/);
    await ui.press(KEYS.enter);
    expect(plainText(ui.frame()), 'Enter without a choice answers nothing').not.toContain('Not this one');
    await ui.press(digitOf(ui.frame(), 'Weak passwords'));
    text = plainText(ui.frame());
    expect(text).toContain('✗ Not this one. Try another choice.');
    expect(text).toContain('Strong random passwords leak just as easily');
    expect(text, 'the answer is not revealed yet').not.toContain('Hardcoded secrets end up in repositories');
    await ui.press(digitOf(ui.frame(), 'Secrets hardcoded'));
    text = plainText(ui.frame());
    expect(text).toContain('✓ Right.');
    expect(text).toContain('Hardcoded secrets end up in repositories');
    await ui.press(KEYS.enter);
    expect(ui.frame()).toContain('Question 2 of 2');
    await ui.press(KEYS.enter);
    expect(plainText(ui.frame()), 'a double Enter does not answer the next question').not.toMatch(
      /Right\.|Not this one/,
    );
    await ui.press(digitOf(ui.frame(), 'Disk encryption'));
    await ui.press(digitOf(ui.frame(), 'A strong login password'));
    text = plainText(ui.frame());
    expect(text).toMatch(/Not this one either: the answer is \d\./);
    expect(text).toContain('Credentials rotated every 24 hours');
    await ui.press('n');
    text = plainText(await ui.waitFor((frame) => (plainText(frame).match(/\(2 tries\)/g) ?? []).length === 2));
    expect(text).toContain('Quiz finished: 1 of 2 answered right.');
    expect(text).toContain('What is the leading cause of credential exposure? (2 tries)');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'A laptop with a .env file is stolen. What made the stolen credentials useless within hours? (2 tries)',
    );
    await vi.waitFor(async () => {
      const saved = (await ui.store.load()).progress.lessons['why-secrets'];
      expect(saved?.quiz['leading-cause']).toEqual({ correct: true, attempts: 2 });
      expect(saved?.quiz['rotation-helps']).toEqual({ correct: false, attempts: 2, revealed: 1 });
      expect(saved?.status).toBe('in-progress');
    });
    expect(ui.frame()).toContain('Quiz 1/2');
  });

  it("quiz: the choices' order is the learner's own, and the same after a restart", async () => {
    const orderOf = (frame: string) =>
      ['Weak passwords', 'Secrets hardcoded', 'Expired TLS'].map((choice) => digitOf(frame, choice)).join('');
    const orders = new Set<string>();
    let seeded = '';
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const ui = await renderApp({
        open: { name: 'lesson', id: 'why-secrets' },
        progress: { ...emptyProgress(), seed },
      });
      await ui.press(KEYS.right);
      orders.add(orderOf(ui.frame()));
      if (seed === 3) seeded = orderOf(ui.frame());
      cleanup();
    }
    expect(orders.size).toBeGreaterThan(1);
    const again = await renderApp({
      open: { name: 'lesson', id: 'why-secrets' },
      progress: { ...emptyProgress(), seed: 3 },
    });
    await again.press(KEYS.right);
    expect(orderOf(again.frame())).toBe(seeded);
  });

  it('a lesson is done once its quiz is right and its steps ticked', async () => {
    const ui = await renderApp({ open: { name: 'lesson', id: 'logs' } });
    await ui.press(KEYS.right);
    await ui.press(digitOf(ui.frame(), 'Its version or a fingerprint'));
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

describe('lesson screen: steps about files, and hints for composed steps', () => {
  it('a step about the course folder ticks without a playground; h shows its hints one level at a time', async () => {
    const course = await fixtureCourse();
    const lesson = course.lessons.find((item) => item.id === 'approle-auth')!;
    lesson.steps = [
      {
        id: 'env-ignored',
        title: 'A .env Git ignores',
        instructions: 'Make `my-api` with an ignored `.env`.',
        check: { type: 'git-ignored', repo: 'my-api', file: '.env' },
        hints: [
          { level: 'nudge', text: 'Ignore it before the first commit.' },
          { level: 'concept', text: 'A file committed once stays in history.' },
          { level: 'near-solution', text: '```sh\ngit init -q my-api\n```' },
        ],
      },
    ];
    const folder = { done: false };
    const playground = fakePlayground();
    playground.check = async () =>
      folder.done ? { done: true, detail: '.env is ignored' } : { done: false, detail: 'there is no .env yet' };
    const ui = await renderApp({
      open: { name: 'lesson', id: 'approle-auth' },
      course,
      services: { playground },
      rows: 40,
    });
    await ui.press(KEYS.right);
    let text = plainText(await ui.waitFor((frame) => plainText(frame).includes('waiting: there is no .env yet')));
    expect(text).toContain('Checked in the folder you started the course in');
    expect(text).not.toContain('which is not running');
    expect(text).toContain('press h for a hint (3 left: nudge next)');
    await ui.press('h');
    text = plainText(ui.frame());
    expect(text).toContain('Hint (nudge):');
    expect(text).toContain('Ignore it before the first commit.');
    expect(text).not.toContain('Hint (concept):');
    await ui.press('h', 'h');
    text = plainText(ui.frame());
    expect(text).toContain('Hint (near-solution):');
    expect(text).toContain('git init -q my-api');
    folder.done = true;
    await ui.waitFor((frame) => frame.includes('Hands-on 1/1'));
    await vi.waitFor(async () =>
      expect((await ui.store.load()).progress.lessons['approle-auth']?.steps).toEqual({ 'env-ignored': true }),
    );
  });
});
