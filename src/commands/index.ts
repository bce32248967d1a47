import type { Command } from 'commander';
import { registerDoctor } from './doctor.js';
import { registerVault } from './vault.js';
import { registerHook } from './hook.js';
import { registerScan } from './scan.js';
import { registerClassroom } from './classroom/index.js';
import { registerGrade } from './grade.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerProgress } from './progress.js';
import { registerReset } from './reset.js';
import { registerStart } from './start.js';

/**
 * Every command registers itself here; cli.ts only parses and dispatches. Keep one file per
 * command in this folder, and keep heavy imports (Ink, the grader) inside the action so that
 * `secrets-workbook --help` stays instant.
 */
type Registrar = (program: Command) => void;

const registrars: Registrar[] = [
  registerStart,
  registerList,
  registerGrade,
  registerInit,
  registerVault,
  registerDoctor,
  registerScan,
  registerHook,
  registerReset,
  registerProgress,
  registerClassroom,
];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
