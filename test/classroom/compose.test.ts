import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { packageRoot } from '../../src/util/package-info.js';

/**
 * Static checks of docker-compose.yml (no Docker engine here; compose.slow.test.ts also loads it
 * through compose-go, the loader Docker Compose uses). What must hold for the instructor.
 */
interface Service {
  profiles?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string; required: boolean }[];
  image?: string;
  command?: string[];
}

const text = await readFile(join(packageRoot, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };

describe('docker-compose.yml', () => {
  it('starts nothing without a profile: a dev and a server profile', () => {
    const profiles = Object.values(compose.services).map((service) => service.profiles);
    expect(profiles.every((list) => list?.length === 1)).toBe(true);
    expect(profiles.flat().sort()).toEqual(['dev', 'server']);
  });

  it('binds the port to 127.0.0.1 unless the instructor sets CLASS_VAULT_BIND', () => {
    for (const service of Object.values(compose.services)) {
      expect(service.ports).toEqual(['${CLASS_VAULT_BIND:-127.0.0.1}:${CLASS_VAULT_PORT:-8200}:8200']);
    }
  });

  it('pins the image', () => {
    for (const service of Object.values(compose.services)) expect(service.image).toMatch(/:-[\w./-]+:\d+\.\d+\.\d+\}$/);
  });

  it('dev: the root token comes from the required, git-ignored .env, never from this file', () => {
    const dev = Object.values(compose.services).find((service) => service.profiles?.includes('dev'))!;
    expect(dev.command).toEqual(['server', '-dev']);
    expect(dev.env_file).toEqual([{ path: '.env', required: true }]);
    expect(Object.keys(dev.environment ?? {})).not.toContain('VAULT_DEV_ROOT_TOKEN_ID');
    const code = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/ROOT_TOKEN/);
  });

  it('server: raft storage on a named volume', () => {
    const server = Object.values(compose.services).find((service) => service.profiles?.includes('server'))!;
    expect(server.command).toEqual(['server']);
    const config = JSON.parse(server.environment!.VAULT_LOCAL_CONFIG!) as { storage: { raft?: { path: string } } };
    expect(config.storage.raft?.path).toBe('/vault/file');
    expect(server.volumes).toEqual(['vault-data:/vault/file', 'vault-audit:/vault/logs']);
    expect(Object.keys(compose.volumes)).toEqual(['vault-data', 'vault-audit']);
  });

  it('server: a file audit device declared in the configuration, on its own named volume, 0600', () => {
    const server = Object.values(compose.services).find((service) => service.profiles?.includes('server'))!;
    const config = JSON.parse(server.environment!.VAULT_LOCAL_CONFIG!) as {
      audit?: Record<string, Record<string, { options: Record<string, string> }>>[];
    };
    expect(config.audit).toHaveLength(1);
    expect(config.audit![0]!.file!['class-audit']!.options).toEqual({
      file_path: '/vault/logs/audit.log',
      mode: '0600',
    });
    expect(server.volumes).toContain('vault-audit:/vault/logs');
  });

  it('.env is git-ignored and .env.example is not, and the example holds no real token', async () => {
    const ignore = (await readFile(join(packageRoot, '.gitignore'), 'utf8')).split('\n');
    expect(ignore).toContain('.env');
    expect(ignore).toContain('!.env.example');
    const example = await readFile(join(packageRoot, '.env.example'), 'utf8');
    expect(example).toMatch(/^VAULT_DEV_ROOT_TOKEN_ID=replace-me/m);
  });
});
