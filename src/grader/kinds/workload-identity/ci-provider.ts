import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { IdentityChallengeDefinition } from '../../../course/identity-challenge-schema.js';

/**
 * The grader as the CI provider (GitHub Actions' OIDC issuer): a signing key made for this grade,
 * its public half handed to the learner's program, and tokens minted on demand with the claims a
 * job would carry — `repository`, `ref`, `environment`, `sub`, `aud`, `iss` — or with one of them
 * changed. A forger gets a key of its own, which Vault must not trust.
 */
export type Claims = Record<string, unknown>;

export interface MintOptions {
  /** Claims to override (undefined removes one). */
  claims?: Claims;
  issuer?: string;
  audience?: string;
  /** Seconds from now. */
  expiresIn?: number;
  /** Sign with the forger's key. */
  forged?: boolean;
}

export class CiProvider {
  private constructor(
    private readonly definition: IdentityChallengeDefinition,
    private readonly key: CryptoKey,
    private readonly forger: CryptoKey,
    /** PEM (SPKI) of the provider's public key: what jwt_validation_pubkeys takes. */
    readonly publicKeyPem: string,
  ) {}

  static async create(definition: IdentityChallengeDefinition): Promise<CiProvider> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const forger = await generateKeyPair('RS256');
    return new CiProvider(definition, privateKey, forger.privateKey, await exportSPKI(publicKey));
  }

  /** The claims of the deploy job that must get in. */
  jobClaims(): Claims {
    const { repository, ref, environment } = this.definition.identity;
    return {
      repository,
      repository_owner: repository.split('/')[0],
      ref,
      environment,
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
      event_name: 'push',
    };
  }

  async mint(options: MintOptions = {}): Promise<string> {
    const { identity } = this.definition;
    const claims: Claims = { ...this.jobClaims(), ...options.claims };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    const environment = typeof claims.environment === 'string' ? claims.environment : 'none';
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'ci' })
      .setIssuer(options.issuer ?? identity.issuer)
      .setAudience(options.audience ?? identity.audience)
      .setSubject(`repo:${String(claims.repository)}:environment:${environment}`)
      .setIssuedAt(now - 5)
      .setNotBefore(now - 5)
      .setExpirationTime(now + (options.expiresIn ?? 300))
      .sign(options.forged ? this.forger : this.key);
  }
}
