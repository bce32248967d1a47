import * as z from 'zod';
import { id, positiveInt, text } from './schema-fields.js';
import type { StepCheck } from './checks/types.js';

/**
 * The `check` of a hands-on step, as lessons' front matter and challenge.yaml `setup` write it:
 * one schema for both, so a check type means the same wherever it is used.
 */
const capabilities = z.array(z.enum(['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny']), {
  error: 'must be a list of Vault capabilities (create, read, update, patch, delete, list, sudo, deny)',
});
/** Vault paths in checks are relative to /v1/ and never start or end with a slash… */
const vaultPath = z
  .string({ error: 'must be a string' })
  .regex(/^[^/\s](?:[^\s]*[^/\s])?$/, { error: 'must be a Vault path without leading or trailing "/"' });
/** …except the paths whose capabilities are asked about: `secret/metadata/app/` (a LIST) ends with one. */
const capabilityPath = z
  .string({ error: 'must be a string' })
  .regex(/^[^/\s]\S*$/, { error: 'must be a Vault path without a leading "/"' });
/** A folder under the one the course was started in: relative, never climbing out of it. */
const localPath = z
  .string({ error: 'must be a string' })
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s]+$/, { error: 'must be a relative path inside the course folder' });

const valueRule = z.discriminatedUnion(
  'format',
  [
    z.strictObject({ format: z.literal('postgres-url'), minPasswordLength: positiveInt.optional() }),
    z.strictObject({ format: z.literal('random'), minLength: positiveInt }),
    z.strictObject({ format: z.literal('tls-certificate'), privateKey: text, host: text }),
  ],
  { error: 'must have a known format (postgres-url, random, tls-certificate)' },
);
const bounds = z.strictObject({ min: z.number().nonnegative().optional(), max: z.number().positive().optional() });

export const stepCheckSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('auth-enabled'), path: vaultPath, method: text }),
    z.strictObject({ type: z.literal('kv-v2-mounted'), path: vaultPath }),
    z.strictObject({
      type: z.literal('pki-role'),
      mount: vaultPath,
      role: id,
      allowedDomains: z.array(text).optional(),
      maxTtlSeconds: z.number().int().positive().optional(),
    }),
    z.strictObject({ type: z.literal('policy-exists'), name: id }),
    z.strictObject({
      type: z.literal('policy-allows'),
      name: id,
      path: vaultPath,
      capabilities: capabilities.min(1, { error: 'must name at least one capability' }),
      deniedPath: vaultPath.optional(),
      forbiddenCapabilities: capabilities.optional(),
    }),
    z.strictObject({
      type: z.literal('policy-grants'),
      name: id,
      grants: z
        .array(z.strictObject({ path: capabilityPath, capabilities: capabilities.min(1) }))
        .min(1, { error: 'must name at least one path' }),
      denied: z.array(capabilityPath).optional(),
    }),
    z.strictObject({
      type: z.literal('approle-role'),
      role: id,
      mount: vaultPath.optional(),
      policies: z.array(id).optional(),
      settings: z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.array(z.string())])).optional(),
      onlyPolicies: z.boolean().optional(),
      limits: z.record(z.string(), bounds).optional(),
    }),
    z.strictObject({ type: z.literal('approle-secret-id'), role: id, mount: vaultPath.optional() }),
    z.strictObject({
      type: z.literal('approle-wrapped-secret-id'),
      role: id,
      mount: vaultPath.optional(),
      maxTtl: positiveInt.optional(),
    }),
    z.strictObject({
      type: z.literal('kv-secret'),
      mount: vaultPath,
      path: vaultPath,
      keys: z.array(text).min(1, { error: 'must name at least one key' }),
      minVersion: positiveInt.optional(),
      maxVersions: positiveInt.optional(),
      values: z.record(z.string(), valueRule).optional(),
    }),
    z.strictObject({ type: z.literal('kv-old-versions-destroyed'), mount: vaultPath, path: vaultPath }),
    z.strictObject({
      type: z.literal('token-exists'),
      displayName: text,
      maxTtl: positiveInt.optional(),
      policies: z.array(id).optional(),
    }),
    z.strictObject({
      type: z.literal('git-ignored'),
      repo: localPath,
      file: localPath,
      committed: z.array(localPath).optional(),
    }),
    z.strictObject({ type: z.literal('hook-blocks-secret'), repo: localPath }),
    z.strictObject({ type: z.literal('git-file-purged'), repo: localPath, file: localPath }),
    z.strictObject({ type: z.literal('rendered-file'), file: localPath, mount: vaultPath, path: vaultPath, key: text }),
  ],
  {
    error:
      'must have a known type (auth-enabled, kv-v2-mounted, pki-role, policy-exists, policy-allows, policy-grants, approle-role, approle-secret-id, approle-wrapped-secret-id, kv-secret, kv-old-versions-destroyed, token-exists, git-ignored, hook-blocks-secret, git-file-purged, rendered-file)',
  },
) satisfies z.ZodType<StepCheck>;

export const STEP_CHECK_TYPES = stepCheckSchema.options.map((option) => option.shape.type.value);
