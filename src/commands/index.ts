import type { Command } from 'commander';
import { registerDoctor } from './doctor.js';
import { registerVault } from './vault.js';
import { registerHook } from './hook.js';
import { registerScan } from './scan.js';
import { registerClassroom } from './classroom.js';
import { registerGrade } from './grade.js';
import { registerInit } from './init.js';

/**
 * Every command registers itself here; cli.ts only parses and dispatches. Keep one file per
 * command in this folder, and keep heavy imports (Ink, testcontainers) inside the action so that
 * `secrets-workbook --help` stays instant.
 */
type Registrar = (program: Command) => void;

const registrars: Registrar[] = [registerVault, registerDoctor, registerScan, registerHook, registerClassroom, registerGrade, registerInit];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
