// The four projects the foreign corpus is taken from, pinned, with their licences and the part of
// each that is in scope. Scope: the providers of secretlint's recommended preset (the list of
// vendors a JavaScript project is most likely to leak) plus Twilio, and the generic kinds every
// scanner covers (passwords, credentials in URLs and on command lines, private keys, JWTs,
// secrets assigned to secret-like names, Kubernetes Secret data).
export const SOURCES = {
  gitleaks: {
    repo: 'gitleaks/gitleaks',
    commit: 'b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    /** Rule files under cmd/generate/config/rules/ (their tps/fps lists). */
    scope: [
      'aws',
      'github',
      'gitlab',
      'slack',
      'stripe',
      'privatekey',
      'jwt',
      'generic',
      'curl',
      'kubernetes',
      '1password',
      'anthropic',
      'azure',
      'cloudflare',
      'databricks',
      'gcp',
      'grafana',
      'hashicorp',
      'hashicorp_vault',
      'huggingface',
      'linear',
      'notion',
      'npm',
      'openai',
      'sendgrid',
      'shopify',
      'twilio',
    ],
  },
  secretlint: {
    repo: 'secretlint/secretlint',
    commit: '18346ba31b8173d52060b971221ab38c1943def0',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    /** Rule packages of the recommended preset (packages/@secretlint/secretlint-rule-<name>/test/snapshots). */
    scope: [
      '1password',
      'anthropic',
      'aws',
      'basicauth',
      'cloudflare',
      'database-connection-string',
      'databricks',
      'docker',
      'figma',
      'gcp',
      'github',
      'gitlab',
      'grafana',
      'groq',
      'hashicorp-vault',
      'huggingface',
      'linear',
      'notion',
      'npm',
      'openai',
      'privatekey',
      'sendgrid',
      'shopify',
      'slack',
      'stripe',
      'tailscale',
      'vercel',
    ],
  },
  trufflehog: {
    repo: 'trufflesecurity/trufflehog',
    commit: '3ab759fef4bb5935d4fe9ac68b503d05346b8364',
    licence: 'AGPL-3.0',
    licenceFile: 'LICENSE',
    /** Detector folders under pkg/detectors/ (their *_test.go pattern tests). */
    scope: [
      'anthropic',
      'aws',
      'azure_entra',
      'azure_storage',
      'azuredevopspersonalaccesstoken',
      'cloudflareapitoken',
      'cloudflarecakey',
      'cloudflareglobalapikey',
      'databrickstoken',
      'docker',
      'dockerhub',
      'figmapersonalaccesstoken',
      'ftp',
      'gcp',
      'gcpapplicationdefaultcredentials',
      'github',
      'github_oauth2',
      'gitlab',
      'grafana',
      'grafanaserviceaccount',
      'groq',
      'hashicorpvault',
      'huggingface',
      'jdbc',
      'jwt',
      'ldap',
      'linearapi',
      'mongodb',
      'notion',
      'npmtoken',
      'npmtokenv2',
      'openai',
      'openaiadmin',
      'postgres',
      'privatekey',
      'redis',
      'sendgrid',
      'shopify',
      'slack',
      'slackwebhook',
      'sqlserver',
      'stripe',
      'tailscale',
      'terraformcloudpersonaltoken',
      'twilio',
      'twilioapikey',
      'uri',
      'vercel',
    ],
  },
  'detect-secrets': {
    repo: 'Yelp/detect-secrets',
    commit: '5e141933554a0b74e7341841f318be21e895339c',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    /** Plugin tests under tests/plugins/<name>_test.py (their parametrize tables). */
    scope: [
      'aws_key',
      'azure_storage_key',
      'basic_auth',
      'github_token',
      'gitlab_token',
      'jwt',
      'keyword',
      'npm',
      'openai',
      'private_key',
      'sendgrid',
      'slack',
      'stripe_key',
      'twilio',
    ],
  },
} as const;

export type SourceName = keyof typeof SOURCES;

/**
 * The fresh corpus (test/fixtures/foreign-corpus/fresh.bin): rule examples of two more scanners,
 * taken after `scan`'s rules were tuned on the tuning part above, and never tuned on. Both write
 * rules in Nosey Parker's YAML format: each rule's `examples` (texts its pattern must match) and
 * `negative_examples` (texts it must not match).
 */
export const FRESH_SOURCES = {
  noseyparker: {
    repo: 'praetorian-inc/noseyparker',
    commit: '2e6e7f36ce36619852532bbe698d8cb7a26d2da7',
    licence: 'Apache-2.0',
    licenceFiles: ['LICENSE', 'NOTICE'],
    rulesDir: 'crates/noseyparker/data/default/builtin/rules',
  },
  kingfisher: {
    repo: 'mongodb/kingfisher',
    commit: 'ee7c0db3ef87575768f817820c24736249ffcdef',
    licence: 'Apache-2.0',
    licenceFiles: ['LICENSE'],
    rulesDir: 'data/rules',
  },
} as const;

export type FreshSourceName = keyof typeof FRESH_SOURCES;

/**
 * Tuning data added after the held-out part and the fresh corpus were fixed
 * (test/fixtures/foreign-corpus/extra.bin, whispers.bin, credsweeper.bin, trivy-horusec.bin,
 * gitguardian-earlybird-octarine.bin): labelled examples of scanners that are in neither.
 * Everything in it is `tuning`; rules may be tuned on it.
 */
export const EXTRA_SOURCES = {
  ripsecrets: {
    repo: 'sirwart/ripsecrets',
    commit: '416e9d04d6ba8941fc3106bf986b6c8aa875767e',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    /** `test/one_per_line/<kind>`: one secret a line; `one_per_file/`: one a file; `test/none`: none. */
    testDir: 'test',
  },
  credsweeper: {
    repo: 'Samsung/CredSweeper',
    commit: '1ed2ca5cdd480667b938024464a37589b9af8564',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    samplesDir: 'tests/samples',
    /** Its expected outputs: the default run (filters and ML), filters only, and regular expressions only. */
    withMl: 'tests/data/output.json',
    filtersOnly: 'tests/data/no_ml.json',
    regexOnly: 'tests/data/no_filters_no_ml.json',
  },
  whispers: {
    repo: 'Skyscanner/whispers',
    commit: '5832bf74dcb127128ba653ed87601c927124b5aa',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    /** The config files its tests scan; the test naming each one with what it must report. */
    fixtureDir: 'tests/fixtures',
    testFile: 'tests/unit/test_secrets.py',
  },
  trivy: {
    repo: 'aquasecurity/trivy',
    commit: 'dc3c56eed58ab21c7e08d26757c517bc946a86c5',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    /** The files its secret scanner's tests read, and the test naming the findings expected in each. */
    testdataDir: 'pkg/fanal/secret/testdata',
    testFile: 'pkg/fanal/secret/scanner_test.go',
    /** Its built-in rules: a finding of any other rule (a test's own config) is not a label. */
    rulesFile: 'pkg/fanal/secret/builtin-rules.go',
  },
  horusec: {
    repo: 'ZupIT/horusec',
    commit: '873d4104a6aa89be8f86d93db8e416909d9add87',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    /** Each leak rule's vulnerable and safe sample, and the test giving the lines each rule reports. */
    samplesFile: 'internal/services/engines/leaks/samples.go',
    testFile: 'internal/services/engines/leaks/rules_test.go',
  },
  ggshield: {
    repo: 'GitGuardian/ggshield',
    commit: 'eaa3e43b1ae1e67e3f184edd9a04a8d60849d75f',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    /** Recorded answers of GitGuardian's scanning API: each document sent and the policy breaks found in it. */
    cassetteDir: 'tests/unit/cassettes',
  },
  pygitguardian: {
    repo: 'GitGuardian/py-gitguardian',
    commit: 'eae6bf1e67a169c7f292402f7ae18ae016e2e1f4',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    cassetteDir: 'tests/cassettes',
  },
  earlybird: {
    repo: 'americanexpress/earlybird',
    commit: '573753e6f39a02293d4a250878e66664aefa674a',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE.txt',
    /** Go tests whose tables give a line and whether earlybird reports it (or keeps its finding). */
    testFiles: [
      'pkg/scan/scan_test.go',
      'pkg/postprocess/jwt_test.go',
      'pkg/postprocess/basicAuthHeader_test.go',
      'pkg/postprocess/validatePassword_test.go',
      'pkg/postprocess/skipSameKeyValue_test.go',
    ],
  },
  octarine: {
    repo: 'octarinesec/secret-detector',
    commit: 'c95dd33250a452b25dffce869cbe3c38fa2894d8',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    /** `<detector>/*_test.go`: tables of `tests.TestCase{name, input, expect detection}`. */
    detectorsDir: 'pkg/detectors',
  },
} as const;

/**
 * Samsung/CredData (ninth tuning round, creddata.bin): lines of public repositories that people
 * reviewed and labelled T (a credential), F (not one) or X (a test value or placeholder), with the
 * commit of each repository (`snapshot.json`) and one `meta/<crc32 of the snapshot key>.csv` per
 * repository. The repositories below are the subset taken: the ones with the most T labels in the
 * password, URL-credential, AWS and generic kinds that fetch quickly (no monorepo of a browser, a
 * cloud SDK or a database), every one under a permissive licence, checked at its commit.
 */
export const CREDDATA_SOURCE = {
  repo: 'Samsung/CredData',
  commit: 'c2e5761aa1923330eaf7460e44a20bdd0dc86926',
  licence: 'Apache-2.0',
  licenceFile: 'LICENSE',
  metaDir: 'meta',
  snapshotFile: 'snapshot.json',
} as const;

export const CREDDATA_REPOS = [
  {
    repo: 'nats-io/nats-server',
    commit: '59b27a7a7a7a495ee86dfcb2053583ead5633704',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  { repo: 'go-acme/lego', commit: '190b38c76a806c277059da0850737bf22379229d', licence: 'MIT', licenceFile: 'LICENSE' },
  {
    repo: 'open-falcon/falcon-plus',
    commit: '0a3e2f7e932d1d56578c8dbef0cc349cf997f8f3',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  { repo: 'danger/danger', commit: 'af3d856d5cbaaebf534b853df347373dbd0ee30b', licence: 'MIT', licenceFile: 'LICENSE' },
  {
    repo: 'request/request',
    commit: '3c0cddc7c8eb60b470e9519da85896ed7ee0081e',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'docker/docker-py',
    commit: '96c12726fdb9b24e985b4de74d5c82145ccd8185',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'elastic/elasticsearch-js',
    commit: '4933e3b9bec474511233f5a05819e493060a86e2',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'cloudskiff/driftctl',
    commit: '7604577ba78d12fc2f39a38f3792d3bfd2ba22f3',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE.md',
  },
  {
    repo: 'swisskyrepo/PayloadsAllTheThings',
    commit: 'ad9c15b82405ba9eed991f9823482c7799d5a2cc',
    licence: 'MIT',
    licenceFile: 'LICENSE',
  },
  { repo: 'plotly/falcon', commit: '843628318423364073d8488b0fbc9cec0b1ecc92', licence: 'MIT', licenceFile: 'LICENSE' },
  {
    repo: 'git-ecosystem/git-credential-manager',
    commit: '87b3a1a746ace2a7439c158348c1e649c30958d3',
    licence: 'MIT',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'CTFd/CTFd',
    commit: 'f3693cffd03d7006ba8fc6159e7e9bc6dca5f13e',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'binarylogic/authlogic',
    commit: '5e0253dcd91ea72c9a5acc5f62590142b7f4bdb4',
    licence: 'MIT',
    licenceFile: 'LICENSE',
  },
  { repo: 'xo/usql', commit: 'ff6a33d39fc8fd768774a474131e6b37e7ad6924', licence: 'MIT', licenceFile: 'LICENSE' },
  {
    repo: 'tpolecat/skunk',
    commit: '186096d9272a8a21614c99eab8e76a87aac5225d',
    licence: 'MIT',
    licenceFile: 'LICENSE',
  },
  { repo: 'knex/knex', commit: 'fff6eb15d7088d4198650a2c6e673dedaf3b8f36', licence: 'MIT', licenceFile: 'LICENSE' },
  {
    repo: 'brianc/node-postgres',
    commit: '7667e7c9e730f6bf9e23682cfbd653674f040a67',
    licence: 'MIT',
    licenceFile: 'LICENSE',
  },
  {
    repo: 'graphile/postgraphile',
    commit: '14d3180cc35660e78e0b8162fd027b33d695a6ba',
    licence: 'MIT',
    licenceFile: 'LICENSE.md',
  },
] as const;

/**
 * Checkmarx/2ms (tenth tuning round, 2ms.bin): the literal true and false positives of its rule
 * tests. Its rules began as gitleaks' and many tests copy gitleaks' examples; build-2ms.ts drops
 * every one that shares text with gitleaks' rule files at the commit corpus.bin was built from.
 */
export const TWOMS_SOURCE = {
  repo: 'Checkmarx/2ms',
  commit: 'e2fafb4a9738d0f2984b0570f056e70a72ad55cb',
  licence: 'Apache-2.0',
  licenceFile: 'LICENSE',
  /** `<rule>_test.go`: tables of `truePositives`/`falsePositives` (or `…WPaths`, file name → text). */
  rulesDir: 'engine/rules/ruledefine',
  /** gitleaks' rule files (the examples corpus.bin was built from), for the copy check. */
  gitleaksRulesDir: 'cmd/generate/config/rules',
} as const;

/**
 * Code linters that report hard-coded credentials (eleventh tuning round, linters.bin): gosec's G101
 * samples, bandit's hard-coded password example, eslint-plugin-no-secrets' RuleTester tables and the
 * test data of GitHub's custom secret-scanning patterns. See build-linters.ts for what is taken.
 */
export const LINTER_SOURCES = {
  gosec: {
    repo: 'securego/gosec',
    commit: '45b083a0cb42119d61b1e0e364d8c62c68f6f5cd',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE.txt',
    paths: ['testutils/g101_samples.go'],
  },
  bandit: {
    repo: 'PyCQA/bandit',
    commit: '92080542688902ad1eb6af74cf16939fad767d29',
    licence: 'Apache-2.0',
    licenceFile: 'LICENSE',
    paths: ['examples/hardcoded-passwords.py'],
  },
  'eslint-no-secrets': {
    repo: 'nickdeis/eslint-plugin-no-secrets',
    commit: 'fe95b10ac26be814327bb58ab97935c392adc4a1',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    paths: ['tests/lib/rules/no-secrets.ts'],
  },
  'custom-patterns': {
    repo: 'advanced-security/secret-scanning-custom-patterns',
    commit: '9b84660dfcad6cc3d0e2c40a1a5f61dd7edca4b9',
    licence: 'MIT',
    licenceFile: 'LICENSE',
    paths: ['common', 'configs', 'database', 'generic', 'jwt', 'uri', 'vendors'],
  },
} as const;
export type LinterSourceName = keyof typeof LINTER_SOURCES;
