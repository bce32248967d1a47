import type { Rule } from '../types.js';
import { assignmentRules } from './assignment.js';
import { vendorRules } from './vendor.js';

/** Every rule the scanner runs, vendor formats first. */
export const rules: readonly Rule[] = [...vendorRules, ...assignmentRules];
