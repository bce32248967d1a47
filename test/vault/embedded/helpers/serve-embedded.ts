import { Writable } from 'node:stream';
import { startEmbeddedServer } from '../../../../src/vault/embedded/index.js';

/**
 * The embedded server alone in a process, for tests that measure it from outside (its RSS):
 * prints its address and root token as one JSON line, runs until killed.
 */
const server = await startEmbeddedServer({
  rootToken: process.env.EMBEDDED_ROOT_TOKEN,
  auditStdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
});
process.stdout.write(`${JSON.stringify({ address: server.address, rootToken: server.rootToken })}\n`);
