import { describe, expect, it } from 'vitest';
import { VaultAdmin } from '../../src/vault/admin-client.js';
import { DockerProvider, type DockerFlavor } from '../../src/vault/docker-provider.js';
import { randomBase62 } from '../../src/util/random.js';

// Made at run time: no password-looking literal in the repository (secrets-workbook scan . stays clean).
const smokeValue = `docker-smoke-${randomBase62(12)}`;

// Runs only where a Docker engine answers (this project's machines have none): the real images,
// pulled and started through testcontainers. Elsewhere it says why it is skipped.
const availability = await new DockerProvider().availability();
if (!availability.available) {
  console.info(`docker provider integration test skipped: ${availability.reason}`);
}

const LABEL = 'io.github.secrets-workbook';

async function ourContainerIds(): Promise<string[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  return (await client.container.list()).filter((info) => info.Labels?.[LABEL]).map((info) => info.Id);
}

describe.skipIf(!availability.available)(`docker provider against a real engine (${availability.reason})`, () => {
  it.each<DockerFlavor>(['vault', 'openbao'])(
    '%s image: dev mode on 127.0.0.1, root token works, audit entries arrive, container removed on stop',
    async (flavor) => {
      const before = await ourContainerIds();
      const vault = await new DockerProvider({ image: flavor }).start();
      try {
        expect(vault.provider).toBe('docker');
        expect(vault.address).toMatch(/^http:\/\/[^/]+:\d+$/);
        const admin = new VaultAdmin(vault.address, vault.rootToken);
        await admin.kvPut('secret', 'docker/smoke', { password: smokeValue });
        expect((await admin.kvGet('secret', 'docker/smoke'))?.data).toEqual({ password: smokeValue });
        const entries = await vault.auditTrail!.entries();
        expect(
          entries.filter((entry) => entry.request.path === 'secret/data/docker/smoke').length,
        ).toBeGreaterThanOrEqual(2);
        const text = JSON.stringify(entries);
        expect(text).not.toContain(smokeValue);
        expect(text).toContain(await vault.auditTrail!.hash(smokeValue));
      } finally {
        await vault.stop();
      }
      const after = await ourContainerIds();
      expect(after.filter((id) => !before.includes(id))).toEqual([]);
    },
    300_000,
  );
});
