import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Bench helper: the ceiling for a Node server — node:http answering one fixed JSON body (the
 * size of a KV v2 read) with the same headers, no routing, no work.
 */
// Made at start-up, as long as 'bench-password': no password-looking literal in the repository.
const benchValue = `bench-${randomBytes(6).toString('base64url')}`;
const body = Buffer.from(
  `${JSON.stringify({
    request_id: '2c21fa56-3724-ed96-bb2e-89cacd2ab770',
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data: {
      data: { password: benchValue, username: 'bench' },
      metadata: {
        created_time: '2026-11-28T08:08:07.449Z',
        custom_metadata: null,
        deletion_time: '',
        destroyed: false,
        version: 1,
      },
    },
    wrap_info: null,
    warnings: null,
    auth: null,
  })}\n`,
);
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'Cache-Control': 'no-store',
    'Content-Type': 'application/json',
    'Content-Length': body.length,
  });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ address: `http://127.0.0.1:${port}`, rootToken: 'none' })}\n`);
});
process.stdin.resume();
process.stdin.on('end', () => server.close(() => process.exit(0)));
