import { startEmbeddedServer } from '../../src/vault/embedded/index.js';

/** Bench helper: an embedded server in its own process (defaults: audit on), stopped when stdin closes. */
const server = await startEmbeddedServer();
process.stdout.write(`${JSON.stringify({ address: server.address, rootToken: server.rootToken })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
