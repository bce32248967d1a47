import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/ui/markdown/render.js';
import { fenceLanguage } from '../../src/ui/markdown/highlight.js';
import { createTheme } from '../../src/ui/theme.js';
import { FIXTURE_COURSE, plainText } from './harness.js';

const colour = createTheme({ env: {} });
const noColour = createTheme({ env: { NO_COLOR: '1' } });
const plain = createTheme({ plain: true, env: { NO_COLOR: '1' } });
const render = (markdown: string, width = 60, theme = noColour) => renderMarkdown(markdown, { width, theme });

describe('markdown renderer', () => {
  it('headings, emphasis and inline code', () => {
    const lines = render('# Title\n\nSome *emph*, **strong**, ~~gone~~ and `code`.\n\n## Section');
    expect(lines[0]).toBe('Title');
    expect(lines[1]).toBe('═════');
    expect(lines).toContain('Some emph, strong, gone and `code`.');
    expect(lines).toContain('Section');
    const styled = render('Some *emph*, **strong** and `code`.', 60, colour).join('\n');
    expect(styled).toContain('\u001B[3memph\u001B[23m');
    expect(styled).toContain('\u001B[1mstrong\u001B[22m');
    expect(styled).toContain('\u001B[36mcode\u001B[39m');
  });

  it('plain mode spells heading levels with # and draws no box characters', () => {
    const lines = render(
      '# Title\n\n## Sub\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n\n---\n\n```sh\nls\n```',
      40,
      plain,
    );
    expect(lines).toContain('# Title');
    expect(lines).toContain('## Sub');
    expect(lines).toContain('> quote');
    expect(lines.join('\n')).toMatch(/^[\x00-\x7F]*$/);
    expect(lines).toContain('a | b');
    expect(lines).toContain('    ls');
  });

  it('lists: bullets, numbers, nesting, tasks; soft line breaks join', () => {
    const lines = render(
      '- one\n- two\n  - nested\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n\nA line\nthat continues.',
    );
    expect(lines).toEqual([
      '• one',
      '• two',
      '  • nested',
      '',
      '3. three',
      '4. four',
      '',
      '[x] done',
      '[ ] todo',
      '',
      'A line that continues.',
    ]);
  });

  it('links show their address; entities are decoded; unknown inline tags stay visible', () => {
    const lines = render('See [the docs](https://openbao.org) &amp; read secret/data/<path> with <kbd>q</kbd>.');
    expect(lines.join(' ')).toBe('See the docs (https://openbao.org) & read secret/data/<path> with q.');
  });

  it('tables fit the width, wrapping cells, and become records when columns cannot fit', () => {
    const table =
      '| Secret | Rotate | Why |\n|---|---|---|\n| Database credentials | daily | a leaked one expires quickly |';
    const wide = render(table, 80);
    expect(wide[0]).toMatch(/^Secret\s+│ Rotate │ Why$/);
    expect(wide[2]).toBe('Database credentials │ daily  │ a leaked one expires quickly');
    const narrow = render(table, 40);
    for (const line of narrow) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(narrow.length).toBeGreaterThan(3);
    const tiny = render(table, 14);
    expect(tiny).toContain('Secret:');
    expect(tiny.join(' ')).toContain('Rotate: daily');
  });

  it('code blocks keep every character, wrap long lines instead of cutting them, and are highlighted in colour', () => {
    const long = `curl -s --header "X-Vault-Token: $VAULT_TOKEN" "$VAULT_ADDR/v1/secret/data/database/backend"`;
    const lines = render(`\`\`\`sh\n${long}\n\`\`\``, 40);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
    expect(
      lines
        .slice(1)
        .map((line) => line.replace(/^ {2}│ /, ''))
        .join(''),
    ).toBe(long);
    const python = render('```python\nimport hvac\nprint("x")\n```', 60, colour).join('\n');
    expect(python).toMatch(/\u001B\[\d+mimport\u001B\[39m hvac/);
    expect(render('```python\nimport hvac\n```', 60, noColour).join('\n')).not.toContain('\u001B');
  });

  it('maps fence info strings to the registered grammars', () => {
    expect(fenceLanguage('sh')).toBe('bash');
    expect(fenceLanguage('python runnable')).toBe('python');
    expect(fenceLanguage('node')).toBe('javascript');
    expect(fenceLanguage('hcl')).toBeUndefined();
    expect(fenceLanguage(undefined)).toBeUndefined();
  });

  it('never returns a line wider than asked, for any width, on every fixture lesson', () => {
    const dir = join(FIXTURE_COURSE, 'lessons');
    const lessons = readdirSync(dir).map((name) =>
      readFileSync(join(dir, name), 'utf8').replace(/^---[\s\S]*?---\n/, ''),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 160 }),
        fc.constantFrom(colour, noColour, plain),
        fc.constantFrom(...lessons),
        (width, theme, markdown) => {
          for (const line of renderMarkdown(markdown, { width, theme })) {
            if (stringWidth(plainText(line)) > width) return false;
          }
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
