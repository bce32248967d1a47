import type { Rule } from '../types.js';
import { assignmentRules } from './assignment.js';
import {
  authorizationHeaderRule,
  bearerLiteralRule,
  registryAuthRule,
  schemeValueRule,
} from './authorization-header.js';
import { commandLineRule } from './command-line.js';
import { gitleaksRules } from './gitleaks/index.js';
import { jwtRule } from './jwt.js';
import { kubernetesSecretRule } from './kubernetes-secret.js';
import { mavenMasterPasswordRule } from './maven.js';
import { prefixTokenRules } from './prefix-tokens.js';
import { privateKeyLinesRule } from './private-key-lines.js';
import { structuredTokenRules } from './structured-tokens.js';
import { urlCredentialsRule } from './url-credentials.js';
import { awsSecretNearKeyIdRule, twilioAuthTokenRule } from './paired-secrets.js';
import { vendorRules } from './vendor.js';

/**
 * Every rule the scanner runs: our vendor formats, gitleaks' for the other vendors, structural
 * rules (JWT, command lines, HTTP headers), then the context rules (names and values).
 */
export const rules: readonly Rule[] = [
  ...vendorRules,
  privateKeyLinesRule,
  awsSecretNearKeyIdRule,
  twilioAuthTokenRule,
  ...prefixTokenRules,
  ...structuredTokenRules,
  ...gitleaksRules,
  jwtRule,
  urlCredentialsRule,
  commandLineRule,
  authorizationHeaderRule,
  bearerLiteralRule,
  schemeValueRule,
  registryAuthRule,
  kubernetesSecretRule,
  mavenMasterPasswordRule,
  ...assignmentRules,
];
