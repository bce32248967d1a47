/** The shapes of Vault's answers the admin client hands back. */
export interface WrapInfo {
  token: string;
  accessor: string;
  ttl: number;
  creation_time: string;
  creation_path: string;
  wrapped_accessor?: string;
}

export interface VaultResponse<T = Record<string, unknown>> {
  request_id?: string;
  lease_id?: string;
  renewable?: boolean;
  lease_duration?: number;
  data: T;
  wrap_info?: WrapInfo | null;
  warnings?: string[] | null;
  auth?: {
    client_token: string;
    accessor: string;
    policies: string[];
    token_policies?: string[];
    metadata?: Record<string, string> | null;
    lease_duration: number;
    renewable: boolean;
  } | null;
}

export interface AppRoleSettings {
  token_policies: string[];
  token_ttl?: string | number;
  token_max_ttl?: string | number;
  secret_id_ttl?: string | number;
  secret_id_num_uses?: number;
  token_num_uses?: number;
  bind_secret_id?: boolean;
}

/** What `auth/token/lookup-self` says of the token asking. */
export interface OwnToken {
  policies: string[];
  display_name?: string;
  ttl?: number;
  meta?: Record<string, string> | null;
}

/** An answer with no body (204, or node-vault's empty string) as undefined. */
export function orNothing<T>(body: unknown): VaultResponse<T> | undefined {
  return body === '' || body === undefined || body === null ? undefined : (body as VaultResponse<T>);
}
