// Forms of code that give a secret as a default (a fallback of an environment variable, a C# property's
// initial value, a Rust string constant), written here with random values drawn from a seed per case
// (form-cases.ts). CredSweeper's samples (tuning data) showed the first; the others are their
// neighbours in other languages.
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet } from './form-cases.js';

const pass = () => `${randomString(BASE62, 12)}7`;
const key = () => randomString(BASE62, 32);

describeFound('secrets given as defaults in code', [
  [
    'a Node fallback after ||',
    'db.js',
    () => `const password = process.env.DB_PASSWORD || "${pass()}";`,
    'password-assignment',
  ],
  [
    'a Node fallback after ??',
    'db.ts',
    () => `const apiKey = process.env['API_KEY'] ?? '${key()}';`,
    'secret-assignment',
  ],
  [
    'a Python fallback after or',
    'settings.py',
    () => `PASSWORD = os.environ.get("PASSWORD") or "${pass()}"`,
    'password-assignment',
  ],
  ['a Ruby fallback', 'config.rb', () => `config.password = ENV["DB_PASSWORD"] || "${pass()}"`, 'password-assignment'],
  [
    "a C# property's initial value",
    'Settings.cs',
    () => `    public string Password { get; set; } = "${pass()}";`,
    'password-assignment',
  ],
  [
    'an init-only C# property',
    'Settings.cs',
    () => `    public string ClientSecret { get; init; } = "${key()}";`,
    'secret-assignment',
  ],
  ['a Rust &str constant', 'main.rs', () => `const PASSWORD: &str = "${pass()}";`, 'password-assignment'],
  ["a Rust &'static str", 'main.rs', () => `static API_TOKEN: &'static str = "${key()}";`, 'secret-assignment'],
]);

describeQuiet(
  'defaults that hold no secret',
  [
    ['a placeholder fallback', 'db.js', () => `const password = process.env.DB_PASSWORD || "changeme";`],
    ['an empty fallback', 'db.js', () => `const password = process.env.DB_PASSWORD || "";`],
    ['a word fallback', 'settings.py', () => `SECRET_KEY = os.environ.get("SECRET_KEY") or "development"`],
    ['a host fallback under a neutral name', 'db.js', () => `const host = process.env.DB_HOST || "${pass()}";`],
    ['a fallback read from another variable', 'db.js', () => `const token = process.env.TOKEN || defaultToken;`],
    ['a property initialised by a call', 'Settings.cs', () => `public string Password { get; set; } = Read("pw");`],
    ['a property with prose', 'Settings.cs', () => `public string Password { get; set; } = "Enter your password";`],
    ['a Rust constant naming its key', 'main.rs', () => `const PASSWORD_ENV: &str = "DB_PASSWORD";`],
  ],
  5,
);
