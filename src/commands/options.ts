import { Option, type Command } from 'commander';
import { DEFAULT_PROVIDER_CHOICE, parseProviderChoice, PROVIDER_CHOICES } from '../vault/provider.js';
import { UserError } from '../util/errors.js';

/**
 * Options more than one command takes, defined once: the same spelling, help, parsing and error
 * message wherever a user puts them.
 */
export function vaultOption(description: string, choices: readonly string[] = PROVIDER_CHOICES): Option {
  return new Option('--vault <provider>', `${description}: ${choices.join(', ')}`)
    .argParser(parseProviderChoice)
    .default(DEFAULT_PROVIDER_CHOICE);
}

export function vaultBinaryOption(): Option {
  return new Option('--vault-binary <path>', 'the vault or bao binary for the binary provider');
}

export function plainOption(): Option {
  return new Option('--plain', 'no symbols, emoji or box drawing (screen readers, dumb terminals)');
}

/**
 * Program options (`secrets-workbook --vault binary …`) are the course's options: they reach the
 * command that follows when it takes the same option and was not given its own, and are refused
 * (one line, exit 2) by a command they mean nothing to, rather than silently ignored.
 */
export function passProgramOptions(program: Command): void {
  program.hook('preAction', (_program, command) => {
    if (command === program) return;
    for (const option of program.options) {
      const name = option.attributeName();
      if (program.getOptionValueSource(name) !== 'cli') continue;
      if (!command.options.some((own) => own.attributeName() === name))
        throw new UserError(`${option.long} does not apply to \`${commandPath(command)}\``);
      if (command.getOptionValueSource(name) !== 'cli')
        command.setOptionValueWithSource(name, program.getOptionValue(name), 'cli');
    }
  });
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}
