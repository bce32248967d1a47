// `npm run bench:npx-cold`: how long a first `npx secrets-workbook --version` takes with an empty
// npm cache, side by side with a cold `npx` of a one-file package (the floor: npm's own work).
// Both packages are served by a small local registry (npm's registry protocol: a packument and a
// tarball per package), so the figure is npm resolving, fetching, extracting and linking what
// each package brings, without the network's latency; rounds are interleaved so machine load
// hits both alike. Also prints how many packages the install brings.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'npx-cold-'));

execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
const ours = pack(root);
const floorDir = join(work, 'one-file');
mkdirSync(floorDir);
writeFileSync(join(floorDir, 'cli.js'), '#!/usr/bin/env node\nconsole.log("1.0.0");\n');
writeFileSync(
  join(floorDir, 'package.json'),
  JSON.stringify({ name: 'one-file-cli', version: '1.0.0', bin: { 'one-file-cli': 'cli.js' } }),
);
const floor = pack(floorDir);

function pack(dir) {
  const out = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir }).toString(),
  )[0];
  const file = join(work, out.filename);
  const bytes = readFileSync(file);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return {
    name: manifest.name,
    manifest,
    bytes,
    shasum: createHash('sha1').update(bytes).digest('hex'),
    integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
  };
}

const packages = new Map([ours, floor].map((entry) => [entry.name, entry]));
const server = createServer((request, response) => {
  if (process.env.DEBUG_REGISTRY) console.error('registry:', request.method, request.url);
  const url = decodeURIComponent(request.url ?? '/');
  const name = url.slice(1).split('/-/')[0];
  const entry = packages.get(name);
  if (!entry) return response.writeHead(404).end('{}');
  if (url.includes('/-/')) return response.end(entry.bytes);
  const { version } = entry.manifest;
  const published = { ...entry.manifest };
  delete published.devDependencies;
  delete published.scripts;
  const dist = {
    tarball: `${base}/${name}/-/${name}-${version}.tgz`,
    shasum: entry.shasum,
    integrity: entry.integrity,
  };
  response.setHeader('Content-Type', 'application/json');
  response.end(
    JSON.stringify({ name, 'dist-tags': { latest: version }, versions: { [version]: { ...published, dist } } }),
  );
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

// Asynchronous on purpose: the registry answers from this same process.
function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function coldNpx(name, args) {
  const cache = mkdtempSync(join(work, 'cache-'));
  const started = performance.now();
  const result = await run('npx', ['--yes', `--registry=${base}`, `--cache=${cache}`, name, ...args], {
    cwd: work,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`npx ${name} failed (${result.status}): ${result.stderr}`);
  const npxDir = join(cache, '_npx');
  const installs = existsSync(npxDir) ? readdirSync(npxDir) : [];
  const modules = installs.length ? join(npxDir, installs[0], 'node_modules') : '';
  const count = modules ? countPackages(modules) : 0;
  rmSync(cache, { recursive: true, force: true });
  return { ms, count, output: result.stdout.trim() };
}

function countPackages(dir) {
  let count = 0;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) count += readdirSync(join(dir, entry)).length;
    else count += 1;
  }
  return count;
}

const times = { ours: [], floor: [] };
let counts;
for (let round = 0; round < ROUNDS; round++) {
  const a = await coldNpx('secrets-workbook', ['--version']);
  const b = await coldNpx('one-file-cli', []);
  times.ours.push(a.ms);
  times.floor.push(b.ms);
  counts = { ours: a.count, floor: b.count, version: a.output };
}
server.close();
rmSync(work, { recursive: true, force: true });

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const ms = (value) => `${Math.round(value)} ms`;
console.log(`cold npx, empty cache, local registry, median of ${ROUNDS} interleaved rounds`);
console.log(
  `  secrets-workbook --version  ${ms(median(times.ours))}  (${counts.ours} package(s) installed, ${(ours.bytes.length / 1e6).toFixed(2)} MB tarball, printed ${counts.version})`,
);
console.log(`  one-file-cli                ${ms(median(times.floor))}  (${counts.floor} package(s) installed)`);
console.log(`  ratio                       ${(median(times.ours) / median(times.floor)).toFixed(2)}x`);
