import { describe, expect, it } from 'vitest';
import { classifyBlock, extractCodeBlocks } from '../../src/course/code-blocks.js';
import { randomBase62 } from '../../src/util/random.js';

describe('extractCodeBlocks', () => {
  it('finds backtick and tilde fences with their info strings and lines', () => {
    const markdown = [
      '# T',
      '',
      '```python runnable setup=none',
      'print(1)',
      '```',
      '',
      '~~~sh fragment',
      'echo ```',
      '~~~',
      '',
    ].join('\n');
    const blocks = extractCodeBlocks(markdown);
    expect(blocks).toEqual([
      { lang: 'python', info: 'python runnable setup=none', code: 'print(1)\n', line: 3 },
      { lang: 'sh', info: 'sh fragment', code: 'echo ```\n', line: 7 },
    ]);
  });

  it('lets a longer fence contain a shorter one, and strips list indentation', () => {
    const markdown = ['````text', '```sh', 'x', '```', '````', '1. step', '   ```sh', '   vault status', '   ```'].join(
      '\n',
    );
    const blocks = extractCodeBlocks(markdown);
    expect(blocks.map((block) => [block.lang, block.code])).toEqual([
      ['text', '```sh\nx\n```\n'],
      ['sh', 'vault status\n'],
    ]);
  });

  it('runs an unclosed fence to the end of the document', () => {
    expect(extractCodeBlocks('```js fragment\nlet a\n')).toEqual([
      { lang: 'js', info: 'js fragment', code: 'let a\n\n', line: 1 },
    ]);
  });
});

describe('classifyBlock', () => {
  it('reads setup, exit and a quoted expect', () => {
    expect(classifyBlock({ lang: 'sh', info: 'sh runnable setup=vault exit=2 expect="permission denied"' })).toEqual({
      kind: 'runnable',
      sample: { language: 'sh', setup: 'vault', exitCode: 2, expect: 'permission denied' },
    });
    expect(classifyBlock({ lang: 'sh', info: `sh runnable setup=vault expect='"version": 1'` })).toEqual({
      kind: 'runnable',
      sample: { language: 'sh', setup: 'vault', exitCode: 0, expect: '"version": 1' },
    });
    expect(classifyBlock({ lang: 'python', info: 'python runnable setup=approle' })).toEqual({
      kind: 'runnable',
      sample: { language: 'python', setup: 'approle', exitCode: 0 },
    });
  });

  it('treats fragments and other languages as not runnable', () => {
    expect(classifyBlock({ lang: 'js', info: 'js fragment' })).toEqual({ kind: 'fragment' });
    expect(classifyBlock({ lang: 'hcl', info: 'hcl' })).toEqual({ kind: 'other' });
    expect(classifyBlock({ lang: '', info: '' })).toEqual({ kind: 'other' });
    expect(classifyBlock({ lang: 'sh', info: 'sh' }, { inStep: true })).toEqual({ kind: 'other' });
  });

  it('rejects unmarked sample languages', () => {
    expect(() => classifyBlock({ lang: 'js', info: 'js' })).toThrow(/must be marked either "runnable" or "fragment"/);
  });
});

describe('leakedSecrets (the sample tests rely on it)', async () => {
  const { leakedSecrets } = await import('./sample-harness.js');
  it('finds a secret in plain, base64, hex and URL-encoded form, and token shapes', () => {
    const secret = 'p@ss word/1';
    expect(leakedSecrets(`x ${secret} y`, [secret])).toEqual([secret]);
    expect(leakedSecrets(Buffer.from(secret).toString('base64'), [secret])).toEqual([secret]);
    expect(leakedSecrets(Buffer.from(secret).toString('hex'), [secret])).toEqual([secret]);
    expect(leakedSecrets(encodeURIComponent(secret), [secret])).toEqual([secret]);
    expect(leakedSecrets('token s.4oiAbcdefghijklmnopqrstuvw', [])).toEqual(['something shaped like a Vault token']);
    // Token shapes are made at run time, so no token-shaped literal sits in the repository.
    expect(leakedSecrets(`token hvs.${randomBase62(34)}`, [])).toEqual(['something shaped like a Vault token']);
    expect(leakedSecrets('version 1, accessor 3lpEFKyFkHUn9vpUVvxSgJMS, policies backend', [secret])).toEqual([]);
  });
});
