/**
 * What a key name says about its value: `DB_PASSWORD` holds a password, `apiKey` a secret,
 * `integrity` a hash, `password_min_length` a number about a password.
 */
import {
  ABOUT_LAST_WORDS,
  ABOUT_WORDS,
  HASH_WORDS,
  OTHER_LANGUAGE_PASSWORDS,
  SECRET_PAIRS,
  SECRET_WORDS,
} from './key-word-lists.js';
import { NOT_SECRET_KEYS, NOT_SECRET_TOKENS } from './not-secret-words.js';

export type KeyKind = 'password' | 'secret' | 'hash' | 'neutral';

/** `spring.datasource.password` → [spring, datasource, password]; `apiKey` → [api, key]. */
export function keyWords(key: string): string[] {
  return (
    key
      // `contraseña` → `contrasena`: accents off, so names in other languages split into words.
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .replace(/([a-z])([0-9])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  );
}

function isPasswordWord(word: string, i: number, words: readonly string[]): boolean {
  // "pass" and "pw" mean a password at the end of a name (`db_pass`, `SMTP_PW`); elsewhere they
  // are the verb or a stage (`PassStateExited`, `_PassArg.context`, `pass_stmt`).
  const last = i === words.length - 1;
  return (
    word.includes('passw') ||
    word === 'pwd' ||
    word.endsWith('pwd') ||
    (word === 'pass' && last) ||
    (word === 'pw' && last) ||
    // Spellings without vowels or a letter short (`PSWD`, `PSSWRD`, `PASWORD`).
    /^pa?s{1,2}w(?:o?r)?d$/.test(word) ||
    // A name glued to "pass" at its end (`MYSQLPASS`, `rootpass`), not the words that end so.
    (last && /^[a-z]{2,10}pass$/.test(word) && !/(?:by|com|sur|over|under|tres|im|en|mass|boat|bus)pass$/.test(word)) ||
    word === 'passphrase' ||
    word === 'requirepass' ||
    word === 'masterauth' ||
    // OpenLDAP's `bindpw` and `rootpw`, SSSD's `ldap_default_authtok`.
    word === 'bindpw' ||
    word === 'rootpw' ||
    word === 'authtok' ||
    // A pre-shared key: Wi-Fi's `psk="…"`, an IPsec tunnel's.
    (word === 'psk' && last) ||
    OTHER_LANGUAGE_PASSWORDS.has(word)
  );
}

const kinds = new Map<string, KeyKind>();

export function classifyKey(key: string): KeyKind {
  let kind = kinds.get(key);
  if (kind === undefined) {
    kind = classifyWords(key);
    if (kinds.size > 100_000) kinds.clear();
    kinds.set(key, kind);
  }
  return kind;
}

function classifyWords(key: string): KeyKind {
  const words = keyWords(key);
  if (words.length === 0) return 'neutral';
  const last = words[words.length - 1]!;
  // Vault's AppRole secret_id is a credential even though it ends in "id".
  const vaultSecretId = last === 'id' && words[words.length - 2] === 'secret';
  // "commit" is a digest as a noun (`commit_sha`, `last_commit`), not as a verb (`do_not_commit`).
  const hashWord = (word: string, i: number) =>
    HASH_WORDS.has(word) && !(word === 'commit' && /^(?:not|dont|never|no)$/.test(words[i - 1] ?? ''));
  if (words.some(hashWord)) return 'hash';
  // The secret-ness must survive to the end of the name: `password_file`, `token_ttl` are about one.
  // Two things keep it: a password word after the about word names the secret again
  // (`keyStorePassword`, `token_store_password`: the store's password), and words after "for" say
  // whose secret it is, not what the value is about (`password_for_email`, `token_for_user`).
  const forAt = words.indexOf('for');
  if (
    !vaultSecretId &&
    words.some(
      (word, i) =>
        i > 0 &&
        (forAt === -1 || i < forAt) &&
        (ABOUT_WORDS.has(word) || (ABOUT_LAST_WORDS.has(word) && i === words.length - 1)) &&
        words.slice(0, i).some((w) => isSecretish(w, words)) &&
        !words.slice(i + 1).some(isPasswordWord),
    )
  ) {
    return 'neutral';
  }
  if (words.some(isPasswordWord)) return 'password';
  if (/^tokens?$/.test(last) && NOT_SECRET_TOKENS.has(words[words.length - 2] ?? '')) return 'neutral';
  if (vaultSecretId || words.some((word) => SECRET_WORDS.has(word))) return 'secret';
  for (let i = 0; i + 1 < words.length; i++) {
    if (SECRET_PAIRS.some(([a, b]) => words[i] === a && words[i + 1] === b)) return 'secret';
  }
  // A provider or a kind glued to "token" or "secret" at the end (`APITOKEN`, `GITHUBTOKEN`, `APISECRET`),
  // unless the glued word says what other token it is (`csrftoken`, `nexttoken`, `cancellationtoken`).
  const glued = /^([a-z]{2,12})(?:token|secret)$/.exec(last)?.[1];
  if (glued && !NOT_SECRET_TOKENS.has(glued) && !HASH_WORDS.has(glued) && !/^(?:cancel|cancellation)$/.test(glued))
    return 'secret';
  // `azure_key`, `mailgunKey`, `STRIPE_KEY`: a provider's key, unless the word before says what
  // kind of non-secret key it is (`primary_key`, `sort_key`, `cache_key`, `idempotency_key`).
  if (words.length >= 2 && last === 'key' && /^[a-z]{3,}$/.test(words[words.length - 2]!)) {
    if (!NOT_SECRET_KEYS.has(words[words.length - 2]!)) return 'secret';
  }
  return 'neutral';
}

function isSecretish(word: string, words: string[]): boolean {
  return (
    isPasswordWord(word, words.indexOf(word), words) ||
    SECRET_WORDS.has(word) ||
    (word === 'key' && words.length > 1) ||
    word === 'secret'
  );
}
