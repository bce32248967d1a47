// Forms found in CredData's reviewed lines (scripts/foreign-corpus/build-creddata.ts), made here with
// fresh random values: a URL whose host code fills in, a value appended with `+=`, a literal wrapped in
// an option or a secret type; and a name saying how passwords are stored, not what one is.
import { describe, expect, test } from 'vitest';
import { BASE62, LOWER, pick, randomInt, randomString } from '../../../src/scanner/corpus/random.js';
import { scanText } from '../../../src/scanner/scan-text.js';
import { seedEachTest } from '../../helpers/seeded.js';

seedEachTest();

const ids = (text: string, file: string) => scanText(text, { file }).map((f) => f.ruleId);
const user = () => randomString(LOWER, randomInt(3, 8));
/** A password as people type them: letters and digits, with a symbol now and then. */
const typed = () => `${randomString(BASE62, randomInt(10, 18))}${randomInt(10, 99)}${pick(['', '!', '#', '_', '.'])}`;

describe('a password in a URL whose host is filled in by code', () => {
  test('a printf verb, a format field, a template or a concatenation as the host: the password is still found', () => {
    for (let i = 0; i < 20; i++) {
      const [name, password, scheme] = [user(), typed(), pick(['nats', 'postgres', 'redis', 'amqp', 'mongodb'])];
      const texts: Array<[string, string]> = [
        [
          `\tnc, err := nats.Connect(fmt.Sprintf("${scheme}://${name}:${password}@%s:%d", host, port))`,
          'client_test.go',
        ],
        [`url = "${scheme}://${name}:${password}@%(host)s/db" % params`, 'settings.py'],
        [`url = "${scheme}://${name}:${password}@{}:{}".format(host, port)`, 'settings.py'],
        [`const url = \`${scheme}://${name}:${password}@\${host}:5432/db\`;`, 'db.ts'],
        [`const url = '${scheme}://${name}:${password}@' + host + '/db';`, 'db.js'],
        [`URL="${scheme}://${name}:${password}@$HOST/db"`, 'run.sh'],
      ];
      for (const [text, file] of texts) expect(ids(text, file), text).toContain('url-credentials');
    }
  });

  test('look-alikes stay quiet: every part filled in, a template password, a concatenated password, a placeholder', () => {
    const texts: Array<[string, string]> = [
      ['url := fmt.Sprintf("nats://%s:%s@%s:%d", user, pass, host, port)', 'client.go'],
      ['url = "postgres://{user}:{password}@{host}/db".format(**cfg)', 'settings.py'],
      ['const url = `postgres://${user}:${pass}@${host}/db`;', 'db.ts'],
      ['const url = "mysql://root:" + pw + "@" + host;', 'db.js'],
      ['url = "postgres://user:password@%s/db" % host', 'settings.py'],
      [`url = "redis://${'x'.repeat(12)}:${'x'.repeat(12)}@{}:{}".format(h, p)`, 'settings.py'],
    ];
    for (const [text, file] of texts)
      expect(
        ids(text, file).filter((id) => id === 'url-credentials'),
        text,
      ).toEqual([]);
  });
});

describe('a value appended with +=', () => {
  test('a token or password appended to a name that says what it is is found', () => {
    for (let i = 0; i < 20; i++) {
      const token = randomString(BASE62, randomInt(24, 40));
      expect(ids(`TOKEN+='${token}'`, 'ci.sh')).toContain('secret-assignment');
      expect(ids(`export API_TOKEN+="${token}"`, 'env.sh')).toContain('secret-assignment');
      expect(ids(`secret += "${token}";`, 'Build.cs')).toContain('secret-assignment');
    }
  });

  test('appending to a counter, a list or a name that is no secret is not', () => {
    for (const text of ['count += 1', 'tokens += [next]', `path += "/${randomString(LOWER, 12)}"`, 'token_count += n'])
      expect(ids(text, 'loop.py'), text).toEqual([]);
  });
});

describe('a literal wrapped in an option or a secret type', () => {
  test('Some("…"), Option("…"), Optional.of("…"), SecretStr("…"), Some(String::from("…")) under a password name are found', () => {
    for (let i = 0; i < 20; i++) {
      const password = typed();
      const texts: Array<[string, string]> = [
        [`      password = Some("${password}"),`, 'Session.scala'],
        [`  val password = Option("${password}")`, 'Config.scala'],
        [`        password = Optional.of("${password}");`, 'Settings.java'],
        [`    password = SecretStr("${password}")`, 'settings.py'],
        [`    password: Some(String::from("${password}")),`, 'config.rs'],
      ];
      for (const [text, file] of texts) expect(ids(text, file), text).toContain('password-assignment');
    }
  });

  test('a wrapped read of the environment, an empty option, or a wrapped placeholder is not', () => {
    const texts: Array<[string, string]> = [
      ['      password = Some(sys.env("DB_PASSWORD")),', 'Session.scala'],
      ['      password = None,', 'Session.scala'],
      ['      password = Some(""),', 'Session.scala'],
      ['    password = SecretStr("<your-password>")', 'settings.py'],
      ['        password = Optional.of(System.getenv("PASSWORD"));', 'Settings.java'],
    ];
    for (const [text, file] of texts) expect(ids(text, file), text).toEqual([]);
  });
});

describe('a name saying how passwords are stored', () => {
  test('`password_encryption` and `*_algorithm` settings are not passwords; an encryption key still is a secret', () => {
    for (const text of [
      "SET password_encryption = 'scram-sha-256';",
      'password_encryption = md5',
      'token_algorithm: "HS256"',
      `password_cipher = "aes-256-gcm"`,
    ])
      expect(ids(text, 'postgresql.conf'), text).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const key = randomString(BASE62, 32);
      expect(ids(`TOKEN_ENCRYPTION_KEY=${key}`, '.env')).not.toEqual([]);
      expect(ids(`password_encryption_key = "${key}"`, 'settings.py')).not.toEqual([]);
    }
  });
});
