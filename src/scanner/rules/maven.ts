import { isPlaceholder, isPlaceholderToken } from '../placeholders.js';
import { regexRule } from './regex-rule.js';

/**
 * Maven's master password (`~/.m2/settings-security.xml`): `<master>{…}</master>` is the password
 * that decrypts every server password of settings.xml, itself "encrypted" with a key every copy of
 * Maven knows, so it is as good as plain text; a plain `<master>` value is the password itself.
 * The braced form is Maven's wherever it is pasted; a plain value counts in that one file.
 */
export const mavenMasterPasswordRule = regexRule({
  id: 'maven-master-password',
  keywords: ['<master>'],
  needle: '<master>',
  title: 'Maven master password',
  category: 'password',
  pattern: /<master>[ \t]*(?<secret>\{[A-Za-z0-9+/]{16,}={0,2}\\?\}|[^<\s{]{6,200})[ \t]*<\/master>/g,
  accept: (secret, context) =>
    secret.startsWith('{')
      ? !isPlaceholderToken(secret.slice(1))
      : /(?:^|[/\\])settings-security\.xml$/.test(context.file ?? '') && !isPlaceholder(secret),
});
