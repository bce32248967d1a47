// Forms found in TruffleHog's detector tests outside the foreign corpus' scope (tuning data, see
// scripts/foreign-corpus/trufflehog-extra.ts), written here with random values drawn from a seed per case (form-cases.ts).
import { BASE62, randomBytes, randomString } from '../../../src/scanner/corpus/random.js';
import { describeFound, describeQuiet } from './form-cases.js';

const signature = () => encodeURIComponent(randomBytes(32).toString('base64'));
const sasFields = 'sp=r&st=2025-03-04T07:24:52Z&se=2025-04-04T15:24:52Z&spr=https&sv=2022-11-02&sr=c';

describeFound('tokens written without the name of their header', [
  [
    'a Go string "Bearer <token>"',
    'client.go',
    () => `token := "Bearer ${randomString(BASE62, 32)}"`,
    'bearer-literal',
  ],
  ['a JavaScript string', 'api.js', () => `const auth = 'Bearer ${randomString(BASE62, 40)}';`, 'bearer-literal'],
]);

describeFound('Azure shared access signatures', [
  [
    'in a blob URL',
    'upload.sh',
    () => `curl -T f.txt "https://acct.blob.core.windows.net/c/f.txt?${sasFields}&sig=${signature()}"`,
    'azure-sas-signature',
  ],
  [
    'as an environment variable',
    '.env',
    () => `AZURE_BLOB_SAS_TOKEN=sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlac&se=2025-04-04T15:24:52Z&sig=${signature()}`,
    'azure-sas-signature',
  ],
]);

describeQuiet('bearer strings and SAS queries that hold no secret', [
  ['a template', 'api.js', () => 'const auth = `Bearer ${token}`;'],
  ['a placeholder', 'README.md', () => 'Set the header to "Bearer YOUR_ACCESS_TOKEN_HERE".'],
  ['a SAS query with a placeholder signature', 'README.md', () => `?${sasFields}&sig=<signature>`],
]);
