import { BASE62, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// A secret handed to a secret store's command line: the store keeps it, the script that typed it
// does not. Values are drawn at run time from a seed.
const word = (n: number) => randomString(BASE62, n);
const digit = () => randomString('0123456789', 1);
/** A key as a service issues one. */
const key = () => `${word(20)}${digit()}${word(11)}`;
/** A password with a symbol, safe inside single quotes. */
const pass = () => `${word(7)}${digit()}!${word(6)}`;

const found: FoundCase[] = [
  ['gh secret set --body', 'setup.sh', () => `gh secret set API_KEY --body "${key()}"`, 'secret-assignment'],
  [
    'gh secret set -b glued',
    'setup.sh',
    () => `gh secret set DEPLOY_TOKEN -b${key()} --repo me/app`,
    'secret-assignment',
  ],
  [
    'az keyvault secret set over continued lines',
    'deploy.sh',
    () => `az keyvault secret set \\\n  --vault-name kv-prod \\\n  --name DbPassword \\\n  --value '${pass()}'`,
    'password-assignment',
  ],
  [
    'aws secretsmanager create-secret with a name that says nothing',
    'bootstrap.sh',
    () => `aws secretsmanager create-secret --name prod/app/stripe --secret-string ${key()}`,
    'secret-assignment',
  ],
  [
    'aws ssm put-parameter as a SecureString',
    'bootstrap.sh',
    () => `aws ssm put-parameter --name /app/db_password --type SecureString --value '${pass()}'`,
    'password-assignment',
  ],
  ['doppler secrets set', 'README.md', () => `doppler secrets set STRIPE_KEY ${key()}`, 'secret-assignment'],
  ['netlify env:set', 'README.md', () => `netlify env:set API_TOKEN ${key()}`, 'secret-assignment'],
  ['setx of a secret', 'setup.cmd', () => `setx OPENAI_API_KEY "${key()}" /M`, 'secret-assignment'],
  [
    'echo piped into gcloud secrets create',
    'setup.sh',
    () => `echo -n "${key()}" | gcloud secrets create api-key --data-file=-`,
    'secret-assignment',
  ],
  [
    'printf piped into docker secret create',
    'setup.sh',
    () => `printf '%s' '${pass()}' | docker secret create db_password -`,
    'password-assignment',
  ],
  [
    'echo piped into wrangler secret put',
    'setup.sh',
    () => `echo ${key()} | wrangler secret put API_TOKEN`,
    'secret-assignment',
  ],
];

const quiet: QuietCase[] = [
  ['a variable', 'setup.sh', () => 'gh secret set API_KEY --body "$API_KEY"'],
  ['from a file on stdin', 'setup.sh', () => 'gh secret set API_KEY < key.txt'],
  ['a setting that is a word', 'setup.sh', () => 'gh secret set ENVIRONMENT --body production'],
  ['a placeholder', 'README.md', () => 'gh secret set API_KEY --body "<your-api-key>"'],
  [
    'a file given to Key Vault',
    'deploy.sh',
    () => 'az keyvault secret set --vault-name kv1 --name cert --file cert.pem',
  ],
  [
    'a file given to Secrets Manager',
    'deploy.sh',
    () => 'aws secretsmanager create-secret --name prod/app --secret-string file://secret.json',
  ],
  [
    'a plain SSM parameter',
    'deploy.sh',
    () => `aws ssm put-parameter --name /app/build_id --type String --value ${key()}`,
  ],
  ['setx of a path', 'setup.cmd', () => 'setx PATH "%PATH%;C:\\tools"'],
  ['setx of a setting that is no secret', 'setup.cmd', () => `setx BUILD_ID ${key()}`],
  ['a variable piped into wrangler', 'setup.sh', () => 'echo "$TOKEN" | wrangler secret put API_TOKEN'],
  ['a command substitution', 'setup.sh', () => 'doppler secrets set API_KEY "$(cat key.txt)"'],
];

describeFound('secrets given to a secret store on its command line are found', found);
describeQuiet('commands that give it no literal secret are not', quiet, 3);
