import { describe, expect, test } from 'vitest';
import { BASE62, randomBytes, randomInt, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file: string) => scanText(text, { file }).map((f) => f.ruleId);
const open = '<' + 'master>';
const close = '</' + 'master>';
const settings = (value: string) => `<settingsSecurity>\n  ${open}${value}${close}\n</settingsSecurity>\n`;

describe("Maven's master password", () => {
  test('the braced (encrypted) form is found wherever it is pasted, its brace escaped or not', () => {
    for (let i = 0; i < 20; i++) {
      const value = `{${randomBytes(randomInt(24, 48)).toString('base64')}${i % 2 ? '\\' : ''}}`;
      for (const file of ['.m2/settings-security.xml', 'notes.txt', 'ci/setup.md'])
        expect(ids(settings(value), file), file).toContain('maven-master-password');
    }
  });

  test('a plain value counts in settings-security.xml only', () => {
    const value = `${randomString(BASE62, randomInt(10, 20))}${randomInt(10, 99)}`;
    expect(ids(settings(value), '/home/dev/.m2/settings-security.xml')).toContain('maven-master-password');
    expect(ids(settings(value), 'pom.xml').filter((id) => id === 'maven-master-password')).toEqual([]);
  });

  test('look-alikes are not: placeholders, a short or empty value, braces around a word', () => {
    for (const value of ['{EXAMPLEEXAMPLEEXAMPLE==}', '{xxxxxxxxxxxxxxxxxxxxxxxx}', '', 'secret', '{masterPassword}'])
      expect(
        ids(settings(value), 'settings-security.xml').filter((id) => id === 'maven-master-password'),
        value,
      ).toEqual([]);
  });
});
