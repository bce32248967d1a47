import { InvalidArgumentError, Option } from 'commander';

/** Option parsers and output helpers the classroom commands share. */
export const DEFAULT_CONCURRENCY = 32;

export function positiveInt(name: string, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return parsed;
  };
}

export function positiveDuration(value: string): string {
  if (!/^\d+[smhd]?$/.test(value) || /^0+[smhd]?$/.test(value))
    throw new InvalidArgumentError('use a duration like 90m, 72h or 3d (more than 0)');
  return duration(value);
}

export function duration(value: string): string {
  if (!/^(0|\d+[smhd]?)$/.test(value))
    throw new InvalidArgumentError('use a duration like 90m, 72h or 30d (0 = no expiry)');
  // Vault takes s/m/h; days are spelt out in hours.
  return value.endsWith('d') ? `${Number(value.slice(0, -1)) * 24}h` : value;
}

export { listed } from '../../util/text-list.js';

export const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

export function concurrencyOption(): Option {
  return new Option('--concurrency <n>', 'Vault requests in flight at once')
    .default(DEFAULT_CONCURRENCY)
    .argParser(positiveInt('--concurrency', 256));
}

/** `1 secret ID`, `3 secret IDs`. */
export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
