import { BASE62, randomBytes, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet, type FoundCase, type QuietCase } from './form-cases.js';

// False alarms found by scanning a real Python site-packages tree (AWS CLI examples, botocore's
// API examples, typeshed stubs, cfn-lint's data, pip), each next to the secret it must not hide.
// Values are generated at run time.
const word = (n: number) => randomString(BASE62, n);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const uuid = () => [hex(4), hex(2), hex(2), hex(2), hex(6)].join('-');
const pass = () => `${word(10)}7`;

const notFound: QuietCase[] = [
  ['a CloudFormation resource type and its id', 'providers.py', () => `    "AWS::ApiGateway::ApiKey": "${hex(8)}",`],
  ['a page cursor', 'examples-1.json', () => `    "NextToken": "${randomBytes(60).toString('base64')}"`],
  ['a page cursor in camelCase', 'list.json', () => `{"nextPageToken": "${word(40)}"}`],
  ['an optimistic-lock token', 'examples-1.json', () => `    "ChangeToken": "${uuid()}"`],
  ['an S3 object version id', 'examples-1.json', () => `    "VersionId": "${word(32)}"`],
  ['a resource id', 'get.rst', () => `    "Id": "dt_${word(27)}",`],
  ['a generated resource name', 'examples-1.json', () => `    "loadBalancerName": "EC2Contai-EcsElast-${word(13)}"`],
  [
    'a long generated resource name',
    'update-cluster.rst',
    () =>
      `    "capacityProvider": "Infra-ECS-Cluster-ECS-project-update-cluster-${hex(4)}-EC2CapacityProvider-${word(12)}",`,
  ],
  ['a typed parameter in a stub', 'server.pyi', () => `    password: _PasswordType | None = None,`],
  ['an annotated attribute in a stub', 'ems.pyi', () => `PR_EMS_AB_DXA_PASSWORD_W: Incomplete`],
  ['a descriptive --password value', 'update-location-smb.rst', () => `  --password smb-file-server-password \\`],
  ['prose about the --password option', 'subversion.py', () => `# the --username and --password options instead`],
  ['"pass" as a verb in a name', 'api.py', () => `    PassStateExited = "PassStateExited"`],
  ['"pass" as a stage in a dotted name', 'compiler.py', () => `    _PassArg.context: "context${word(3)}7",`],
  ['a constant naming its own key', '_oid.py', () => `    AttributeOID.CHALLENGE_PASSWORD: "challengePassword",`],
  [
    'an AWS resource name under a password-named key',
    'aws_managed_policies.json',
    () => `  "IAMUserChangePassword": "arn:aws-eusc:iam::aws:policy/IAMUserChangePassword",`,
  ],
  ['an idempotency token', 'get-resource-request-status.rst', () => `    "RequestToken": "${uuid()}",`],
  ['a lifecycle callback token', 'examples-1.json', () => `    "LifecycleActionToken": "${uuid()}",`],
  [
    'an expression naming a header',
    'get-apis.rst',
    () => `    "ApiKeySelectionExpression": "$request.header.x-api-key",`,
  ],
  ['where a mapping puts a value', 'createcluster.py', () => `    dest_key='Ec2SubnetIds',`],
  ['what a paginator returns', 'paginators-1.json', () => `      "result_key": "configuredModelAlgorithms${word(2)}7"`],
  ['a page marker', 'examples-1.json', () => `    "Marker": "${randomBytes(20).toString('base64')}",`],
  [
    "a private key from AWS' documentation",
    'get-instance-access-details.rst',
    () =>
      `"privateKey": "-----BEGIN RSA PRIVATE KEY-----\\nEXAMPLE${randomBytes(96).toString('base64')}\\n-----END RSA PRIVATE KEY-----"`,
  ],
  [
    "a JSON Web Key's public modulus and exponent (Go module cache: go-jose's tests)",
    'jwks.json',
    () => `{"keys":[{"kty":"RSA","kid":"${hex(8)}","n":"${randomBytes(256).toString('base64url')}","e":"AQAB"}]}`,
  ],
  [
    "an EC key's public point",
    'jwk.json',
    () =>
      `{"kty":"EC","crv":"P-256","x":"${randomBytes(32).toString('base64url')}","y":"${randomBytes(32).toString('base64url')}"}`,
  ],
  [
    'a public JWK inside a Go string',
    'jwk_test.go',
    () =>
      `\texpected := "{\\"kty\\":\\"RSA\\",\\"n\\":\\"${randomBytes(64).toString('base64url')}\\",\\"e\\":\\"AQAB\\"}"`,
  ],
];

const stillFound: FoundCase[] = [
  [
    "a JSON Web Key's private exponent",
    'jwk.json',
    () =>
      `{"kty":"RSA","n":"${randomBytes(64).toString('base64url')}","e":"AQAB","d":"${randomBytes(64).toString('base64url')}"}`,
    'high-entropy-string',
  ],
  ['an API-key header', 'req.http', () => `X-API-Key: ${word(32)}`, 'authorization-header'],
  ['an API key in a JSON header map', 'a.py', () => `headers = {"apikey": "${word(32)}"}`, 'authorization-header'],
  ["Vault's client_token", 'login.json', () => `{"client_token": "hvs.${word(24)}"}`, 'vault-token'],
  [
    'a session token',
    'creds.json',
    () => `{"SessionToken": "${randomBytes(60).toString('base64')}"}`,
    'secret-assignment',
  ],
  ['a refresh token', 'creds.json', () => `{"refresh_token": "${word(40)}"}`, 'secret-assignment'],
  [
    'a test key typed with keyboard runs between its parts',
    'bot.py',
    () => `bot_token = '${word(40)}_qwer_zxcv-asdf-ghjk-tyui-mnbv'`,
    'secret-assignment',
  ],
  ['a token under a neutral name', '.env', () => `SLACK_BOT_VALUE=${word(40)}`, 'high-entropy-string'],
  ['a password on the command line', 'run.sh', () => `mytool --password ${pass()}`, 'command-line-credentials'],
  [
    'a hyphenated password with a digit',
    'run.sh',
    () => `mytool --password blue-horse-${pass()}`,
    'command-line-credentials',
  ],
  ['a password in a .py file', 'settings.py', () => `DB_PASSWORD = "${pass()}"`, 'password-assignment'],
  ['a password named pass', 'settings.py', () => `db_pass = "${pass()}"`, 'password-assignment'],
  ['a password named PW', '.env', () => `SMTP_PW=${pass()}`, 'password-assignment'],
  ['a password named passwd', 'a.ini', () => `passwd = ${pass()}`, 'password-assignment'],
  [
    'a password next to its user in a mapping',
    'a.py',
    () => `DATABASES = {"USER": "app", "PASSWORD": "${pass()}"}`,
    'password-assignment',
  ],
  [
    'a real private key body',
    'key.json',
    () =>
      `"privateKey": "-----BEGIN RSA PRIVATE KEY-----\\nMIIE${randomBytes(96).toString('base64')}\\n-----END RSA PRIVATE KEY-----"`,
    'private-key',
  ],
];

describeQuiet('look-alikes from a real site-packages tree are not reported', notFound, 5);

describeFound('the secrets next to them still are', stillFound);
