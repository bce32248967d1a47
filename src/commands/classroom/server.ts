import { Option, type Command } from 'commander';
import { safeText } from '../../util/terminal-text.js';
import type { NodeUnsealed } from '../../classroom/unseal.js';
import { positiveInt, print } from './options.js';

/** The class Vault's own life: init, unseal, and the instructor policy to keep root locked away. */
export function registerServerCommands(classroom: Command): void {
  registerInit(classroom);
  classroom
    .command('unseal')
    .description(
      'unseal the class Vault after a restart, with the keys file from classroom init (every node VAULT_ADDR lists)',
    )
    .option(
      '--keys <file>',
      'the keys file from classroom init, or a key share file (repeat --keys for each share)',
      (file: string, files: string[] | undefined) => [...(files ?? []), file],
    )
    .option('--reset', 'first discard the key shares given before this run (an interrupted unseal, a wrong share)')
    .action(async (options: { keys?: string[]; reset?: boolean }) => {
      const { instructorAddresses } = await import('../../classroom/instructor.js');
      const { unsealClassVault } = await import('../../classroom/unseal.js');
      const nodes = await unsealClassVault({
        addresses: instructorAddresses(),
        // --reset alone only discards; otherwise the keys file from init is the default.
        keysFiles: options.keys ?? (options.reset ? [] : ['class-vault-keys.json']),
        reset: options.reset,
        onProgressFound: (node) => print(progressLine(node)),
      });
      for (const node of nodes) print(outcomeLine(node, nodes.length > 1));
    });
  classroom
    .command('setup')
    .description(
      'with the root token, once: mount KV and the class AppRole, write the student and instructor policies (init does this)',
    )
    .action(async () => {
      const { connectInstructor } = await import('../../classroom/instructor.js');
      const { setupClass } = await import('../../classroom/setup.js');
      const { INSTRUCTOR_POLICY_NAME } = await import('../../classroom/layout.js');
      const admin = await connectInstructor();
      await setupClass(admin);
      print(
        `The class Vault at ${admin.address} is set up. Create an instructor token and keep the root token locked away: vault token create -policy=${INSTRUCTOR_POLICY_NAME} -ttl=12h`,
      );
    });

  classroom
    .command('instructor-policy')
    .description(
      'print the Vault policy an instructor token needs for provision, report and revoke (so the root token can stay locked away)',
    )
    .action(async () => {
      const { instructorPolicy, INSTRUCTOR_POLICY_NAME } = await import('../../classroom/layout.js');
      print(
        `# vault policy write ${INSTRUCTOR_POLICY_NAME} - ; vault token create -policy=${INSTRUCTOR_POLICY_NAME} -ttl=12h\n${instructorPolicy()}`,
      );
    });
}

function progressLine(node: NodeUnsealed): string {
  const { given, needed } = node.progressFound!;
  const found = `${given} of ${needed} key share${needed === 1 ? '' : 's'}`;
  return node.reset
    ? `Discarded the unseal in progress at ${node.address}: ${found} had been given.`
    : `The Vault at ${node.address} has an unseal in progress: ${found} given already (an interrupted run, or another key holder); adding yours (classroom unseal --reset discards it).`;
}

function outcomeLine(node: NodeUnsealed, cluster: boolean): string {
  if (!node.wasSealed) return `The class Vault at ${node.address} is not sealed; nothing to do.`;
  if (node.role === 'sealed')
    return `The class Vault at ${node.address} is still sealed${node.reset ? '' : ', with no unseal in progress'}; unseal it with classroom unseal --keys FILE.`;
  return `Unsealed the class Vault at ${node.address}${cluster ? ` (${node.role === 'active' ? 'the leader' : 'a standby'})` : ''}.`;
}

/** `classroom init`: a fresh server-mode class Vault, its keys written to files, never to the screen. */
function registerInit(classroom: Command): void {
  classroom
    .command('init')
    .description(
      'initialise and unseal a fresh server-mode class Vault (VAULT_ADDR); keys go to a 0600 file, never to the screen',
    )
    .option('--keys <file>', 'where to write the unseal keys and root token (must not exist)', 'class-vault-keys.json')
    .option('--shares-dir <dir>', 'write each unseal key share to a 0600 file of its own in this folder')
    .addOption(
      new Option('--key-shares <n>', 'unseal key shares').default(1).argParser(positiveInt('--key-shares', 10)),
    )
    .addOption(
      new Option('--key-threshold <n>', 'shares needed to unseal')
        .default(1)
        .argParser(positiveInt('--key-threshold', 10)),
    )
    .action(async (options: { keys: string; sharesDir?: string; keyShares: number; keyThreshold: number }) => {
      const { instructorAddress } = await import('../../classroom/instructor.js');
      const { initClassVault } = await import('../../classroom/init.js');
      const address = instructorAddress();
      const { keysFile, shareFiles, auditDevices } = await initClassVault({
        address,
        keysFile: options.keys,
        shares: options.keyShares,
        threshold: options.keyThreshold,
        ...(options.sharesDir ? { sharesDir: options.sharesDir } : {}),
      });
      print(
        `Initialised and unsealed the class Vault at ${address}; KV v2 at secret/ and AppRole at approle/ are enabled.`,
      );
      print(
        shareFiles.length
          ? `The ${shareFiles.length} unseal key shares are in ${options.sharesDir}/, one 0600 file each (${options.keyThreshold} unseal the Vault: give each to a different person); the root token is in ${keysFile} (mode 0600).`
          : `The unseal key${options.keyShares > 1 ? 's' : ''} and the root token are in ${keysFile} (mode 0600).`,
      );
      print(
        auditDevices.length
          ? `Audit: ${safeText(auditDevices.map((device) => `the ${device.type} device ${device.path}${device.filePath ? ` writes every request to ${device.filePath}` : ''}`).join('; '))} (secrets in it are HMAC-ed).`
          : 'WARNING: this Vault has no audit device: nothing records who read what. Enable one with the root token: vault audit enable file file_path=/vault/logs/audit.log',
      );
      print(
        `WARNING: move ${keysFile} somewhere safe (a password manager or an offline disk) and delete it here: anyone with it owns the Vault.`,
      );
      print(
        `Next: export VAULT_TOKEN=<root_token from ${keysFile}>, then secrets-workbook classroom provision --roster roster.csv`,
      );
    });
}
