import { Chalk, type ChalkInstance } from 'chalk';
import type { ItemStatus } from '../course/model.js';
import { colorEnabled } from '../util/color.js';

/**
 * Everything that changes between a colour terminal, NO_COLOR and `--plain` (screen readers,
 * dumb terminals): colours on or off, Unicode symbols and box drawing or ASCII. Components take
 * their symbols and colours from here and never hard-code them.
 */
export interface Theme {
  color: boolean;
  plain: boolean;
  /** A chalk instance at level 0 when colour is off, for pre-rendered text (markdown). */
  chalk: ChalkInstance;
  symbols: {
    done: string;
    inProgress: string;
    new: string;
    pass: string;
    fail: string;
    /** A check that did not run (the grade stopped before it). */
    skipped: string;
    pointer: string;
    bullet: string;
    barFull: string;
    barEmpty: string;
    rule: string;
    spinner: readonly string[];
    locked: string;
    ellipsis: string;
  };
  /** Ink colour props, `undefined` when colour is off so nothing is emitted. */
  colors: {
    accent?: string;
    success?: string;
    failure?: string;
    warning?: string;
    muted?: string;
  };
  /** Ink `borderStyle`, or undefined for no border in plain mode. */
  border?: 'round';
}

export interface ThemeOptions {
  plain?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function createTheme({ plain = false, env = process.env }: ThemeOptions = {}): Theme {
  // The UI runs on a terminal (decided before Ink loads): only the variables decide.
  const color = colorEnabled(env);
  const chalk = new Chalk({ level: color ? 3 : 0 });
  return {
    color,
    plain,
    chalk,
    symbols: plain
      ? {
          done: '[x]',
          inProgress: '[~]',
          new: '[ ]',
          pass: '[ok]',
          fail: '[FAIL]',
          skipped: '[-]',
          pointer: '>',
          bullet: '-',
          barFull: '#',
          barEmpty: '.',
          rule: '-',
          spinner: ['-', '\\', '|', '/'],
          locked: '(locked)',
          ellipsis: '...',
        }
      : {
          done: '✓',
          inProgress: '◐',
          new: '○',
          pass: '✓',
          fail: '✗',
          skipped: '–',
          pointer: '›',
          bullet: '•',
          barFull: '█',
          barEmpty: '░',
          rule: '─',
          spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
          locked: '🔒',
          ellipsis: '…',
        },
    colors: color ? { accent: 'cyan', success: 'green', failure: 'red', warning: 'yellow', muted: 'gray' } : {},
    border: plain ? undefined : 'round',
  };
}

export function statusSymbol(theme: Theme, status: ItemStatus): string {
  return status === 'done'
    ? theme.symbols.done
    : status === 'in-progress'
      ? theme.symbols.inProgress
      : theme.symbols.new;
}

export function statusColor(theme: Theme, status: ItemStatus): string | undefined {
  return status === 'done'
    ? theme.colors.success
    : status === 'in-progress'
      ? theme.colors.warning
      : theme.colors.muted;
}

const PLAIN_REPLACEMENTS: Array<[RegExp, string]> = [
  [/ · /g, ', '],
  [/·/g, '-'],
  [/↑↓/g, 'up/down'],
  [/←→|← →/g, 'left/right'],
  [/→/g, 'right'],
  [/←/g, 'left'],
  [/[—–]/g, '-'],
  [/…/g, '...'],
];

/**
 * UI chrome (headers, footers, status lines) in plain mode: separators, arrows and dashes in
 * words or ASCII, so a screen reader says "up/down choose, enter open" rather than symbol names.
 * Lesson prose is left as its authors wrote it.
 */
export function chrome(theme: Theme, text: string): string {
  if (!theme.plain) return text;
  return PLAIN_REPLACEMENTS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}
