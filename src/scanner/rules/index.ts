import type { Rule } from '../types.js';
import { assignmentRules } from './assignment.js';
import { gitleaksRules } from './gitleaks/index.js';
import { vendorRules } from './vendor.js';

/** Every rule the scanner runs: our vendor formats, gitleaks' for the other vendors, then context rules. */
export const rules: readonly Rule[] = [...vendorRules, ...gitleaksRules, ...assignmentRules];
