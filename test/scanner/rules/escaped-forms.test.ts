// Values written with escaped quotes: JSON inside a JSON string (a request body in a fixture, a log
// line) and JSON inside an HTML attribute (`&quot;`). Values are drawn from a seed per case (form-cases.ts).
import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet } from './form-cases.js';

const pass = () => `${randomString(BASE62, 12)}7`;
const key = () => randomString(BASE62, 32);

describeFound('secrets under escaped names and quotes', [
  [
    'a password in JSON inside a JSON string',
    'fixture.json',
    () => `{"body": "{\\"user\\":\\"app\\",\\"password\\":\\"${pass()}\\"}"}`,
    'password-assignment',
  ],
  [
    'an API key in an escaped request body in a log line',
    'requests.log',
    () => `POST /v1/session body="{\\"api_key\\": \\"${key()}\\"}"`,
    'secret-assignment',
  ],
  [
    'an API key in JSON in an HTML data attribute',
    'index.html',
    () => `<div id="app" data-config="{&quot;api_key&quot;:&quot;${key()}&quot;}"></div>`,
    'secret-assignment',
  ],
  [
    'a password in JSON in an HTML attribute',
    'page.html',
    () => `<script type="application/json" data-x="{&quot;password&quot;: &quot;${pass()}&quot;}"></script>`,
    'password-assignment',
  ],
  [
    'a URL with a password, percent-encoded in a redirect parameter',
    'access.log',
    () => `GET /login?next=https%3A%2F%2Fdeploy%3A${pass()}%40ci.example.com%2Fjob HTTP/1.1`,
    'url-credentials',
  ],
]);

describeQuiet(
  'escaped values that hold no secret',
  [
    ['an escaped placeholder', 'fixture.json', () => `{"body": "{\\"password\\":\\"changeme\\"}"}`],
    ['an escaped template', 'fixture.json', () => '{"body": "{\\"token\\":\\"${TOKEN}\\"}"}'],
    ['an escaped empty value', 'fixture.json', () => `{"body": "{\\"password\\":\\"\\"}"}`],
    ['an HTML-escaped empty value', 'page.html', () => `<div data-x="{&quot;password&quot;:&quot;&quot;}"></div>`],
    [
      'an HTML-escaped form description',
      'page.html',
      () => `<div data-field="{&quot;name&quot;:&quot;password&quot;,&quot;type&quot;:&quot;password&quot;}"></div>`,
    ],
    ['an escaped quote left open', 'fixture.json', () => `{"body": "{\\"password\\":\\"${pass()}`],
    [
      'a percent-encoded URL with a template password',
      'access.log',
      () => 'GET /login?next=https%3A%2F%2Fdeploy%3A%24%7BPASSWORD%7D%40ci.example.com HTTP/1.1',
    ],
    [
      'a percent-encoded URL without credentials',
      'access.log',
      () => 'next=https%3A%2F%2Fci.example.com%2Fjob%3Fa%3Db',
    ],
  ],
  5,
);
