import type { Command } from 'commander';
import { exitOnSignalWith, registerCleanup } from '../util/cleanup.js';
import { EXIT_FAILED, UserError } from '../util/errors.js';
import { isPortFree, LOOPBACK } from '../util/net.js';
import { PROVIDER_CHOICES, type ProviderChoice } from '../vault/provider.js';
import { vaultBinaryOption, vaultOption } from './options.js';

/** Vault's and OpenBao's CLIs default to port 8200, so the playground takes it when it is free. */
export const DEFAULT_PLAYGROUND_PORT = 8200;
const WATCH_INTERVAL_MS = 2_000;
const WATCH_FAILURES_ALLOWED = 3;

export interface VaultUpOptions {
  vault: ProviderChoice;
  port?: string;
  rootToken?: string;
  vaultBinary?: string;
  image?: string;
}

export function registerVault(program: Command): void {
  const vault = program.command('vault').description('run a playground Vault for the lessons');
  vault
    .command('up')
    .description(
      'start a dev-mode Vault in the foreground; prints export lines for VAULT_ADDR and VAULT_TOKEN; Ctrl-C stops it',
    )
    .addOption(
      vaultOption(
        'which Vault to run (this starts its own)',
        PROVIDER_CHOICES.filter((choice) => choice !== 'external'),
      ),
    )
    .option('--port <n>', `port on ${LOOPBACK} (default ${DEFAULT_PLAYGROUND_PORT}, or a free one when that is taken)`)
    .option('--root-token <token>', 'the dev root token (default: random)')
    .addOption(vaultBinaryOption())
    .option('--image <image>', 'Docker image: vault, openbao or a full image reference (docker provider)')
    .addHelpText(
      'after',
      `
Example:
  $ secrets-workbook vault up
  export VAULT_ADDR='http://127.0.0.1:8200'
  export VAULT_TOKEN='…'
Paste the two export lines into another terminal (or: secrets-workbook vault up > vault.env, then . ./vault.env).`,
    )
    .action(async (options: VaultUpOptions) => vaultUp(options));
}

export function parsePort(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UserError(`--port must be a whole number from 1 to 65535, got '${value}'`);
  const port = Number(value);
  if (port < 1 || port > 65535) throw new UserError(`--port must be a whole number from 1 to 65535, got '${value}'`);
  return port;
}

/**
 * Vault only accepts a custom root token id without a `.` (so never `hvs.`/`s.`-prefixed), and
 * it ends up inside single quotes in the export line: keep it to a shell- and URL-safe alphabet.
 */
export function parseRootToken(value: string): string {
  if (!/^[A-Za-z0-9_-]{4,128}$/.test(value)) {
    throw new UserError(
      '--root-token must be 4 to 128 letters, digits, - or _ (Vault refuses a custom root token containing a dot)',
    );
  }
  return value;
}

async function vaultUp(options: VaultUpOptions): Promise<void> {
  const { refuseExternal, startVault } = await import('../vault/select.js');
  const choice = options.vault;
  refuseExternal(choice);
  const rootToken = options.rootToken === undefined ? undefined : parseRootToken(options.rootToken);
  let port = options.port === undefined ? undefined : parsePort(options.port);

  // Before any word about ports: a second `vault up` has one thing to say, where the first one is.
  const record = await import('../course/playground-record.js');
  const running = await record.readLivePlayground();
  if (running) {
    throw new UserError(
      `a playground Vault is already running at ${record.describePlayground(running)}: use that one ` +
        '(its export lines are where it was started), or stop it there first',
    );
  }
  if (port === undefined) {
    if (await isPortFree(DEFAULT_PLAYGROUND_PORT)) port = DEFAULT_PLAYGROUND_PORT;
    else process.stderr.write(`port ${DEFAULT_PLAYGROUND_PORT} is in use; using a free port instead\n`);
  }

  // Ctrl-C, SIGTERM and SIGHUP are the normal way to end: stop the server, then exit 0.
  exitOnSignalWith(0, () => process.stderr.write('\nstopping the playground Vault…\n'));
  const { vault, selection } = await startVault(choice, {
    binary: options.vaultBinary,
    dockerImage: options.image,
    port,
    rootToken,
    audit: false, // a playground; the grader starts its own, audited Vault
    allowExternal: false,
    onProgress: progressWriter(process.stderr),
  });
  registerCleanup(async () => {
    await record.removePlaygroundRecord();
    await vault.stop();
    process.stderr.write('stopped.\n');
  });
  // The course in another terminal attaches to this one (and its hands-on steps check it).
  await record.writePlaygroundRecord({
    address: vault.address,
    rootToken: vault.rootToken,
    provider: vault.provider,
    version: vault.version,
    startedBy: 'vault up',
  });

  process.stderr.write(`${selection.reason}\n`);
  writeStdout(`export VAULT_ADDR='${vault.address}'\nexport VAULT_TOKEN='${vault.rootToken}'\n`);
  process.stderr.write(
    `Vault is running${vault.version ? ` (${vault.version})` : ''}: dev mode, in memory, KV v2 at secret/. ` +
      'The root token above is for this playground only. Press Ctrl-C to stop.\n',
  );
  await watchUntilGone(vault.address);
  throw new UserError(`the playground Vault at ${vault.address} stopped answering`, EXIT_FAILED);
}

/** Resolves only if the server stops answering on its own (killed, crashed, container removed). */
async function watchUntilGone(address: string): Promise<void> {
  let failures = 0;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, WATCH_INTERVAL_MS));
    try {
      // Any HTTP answer counts (a learner may seal the server); only silence is a failure.
      await fetch(`${address}/v1/sys/health`, { signal: AbortSignal.timeout(WATCH_INTERVAL_MS) });
      failures = 0;
    } catch {
      if (++failures >= WATCH_FAILURES_ALLOWED) return;
    }
  }
}

/**
 * Progress lines on stderr; on a terminal, a pull's running count ("pulling …: 2 of 5 layers,
 * 12 MB of 48 MB") rewrites one line instead of scrolling.
 */
export function progressWriter(stream: NodeJS.WriteStream): (line: string) => void {
  let rewriting = false;
  return (line) => {
    const live = Boolean(stream.isTTY) && /^pulling \S+: /.test(line);
    if (live) stream.write(`\r\u001B[K${line}`);
    else stream.write(`${rewriting ? '\r\u001B[K' : ''}${line}\n`);
    rewriting = live;
  };
}

function writeStdout(text: string): void {
  // A closed stdout (`vault up | head -1`) must not crash the server's owner.
  process.stdout.on('error', () => undefined);
  process.stdout.write(text);
}
