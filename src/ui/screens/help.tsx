import { Box, Text, useInput } from 'ink';
import { useAppState } from '../app-state.js';
import { keyName, type KeyHint } from '../components/layout.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';
import { chrome } from '../theme.js';
import type { Screen } from '../state.js';

const DETAILED: Record<Screen['name'], KeyHint[]> = {
  home: [
    ['↑↓ / j k', 'choose a lesson or challenge'],
    ['enter / →', 'open it'],
    ['c', 'continue with the first one not done'],
    ['v', 'playground Vault: start it, see the export lines'],
  ],
  lesson: [
    ['↑↓ / j k', 'scroll a line'],
    ['space / PgDn / f', 'next page (at the end: next section)'],
    ['b / PgUp', 'previous page'],
    ['g / G', 'top / end'],
    ['← → / tab', 'Read, Hands-on, Quiz'],
    ['↑↓ enter / 1-9', 'answer a quiz question (a wrong pick leaves one more try); n next; r open ones again'],
    ['h', 'next hint of a hands-on step you compose'],
    ['v', 'playground Vault (hands-on steps tick themselves)'],
  ],
  challenge: [
    ['i', 'create a work folder from a starter'],
    ['g', 'grade your program against a fresh Vault'],
    ['w', 'watch: grade again whenever you save'],
    ['h / enter', 'next hint (nudge, concept, near-solution)'],
    ['s', 'reference solution (after a pass, or confirm)'],
    ['l', 'solution in another language'],
    ['← → / tab', 'Task, Setup, Grade, Hints, Solution'],
  ],
  playground: [
    ['s', 'start the playground Vault'],
    ['x', 'stop it'],
    ['q / v', 'back'],
  ],
};

const GLOBAL: KeyHint[] = [
  ['?', 'this help (any key closes it)'],
  ['q / esc', 'back; quit on the home screen'],
  ['ctrl-c', 'quit (stops the playground Vault)'],
];

export function HelpOverlay({ screen }: { screen: Screen }) {
  const { theme } = useServices();
  const { dispatch } = useAppState();
  const { columns } = useTerminalSize();
  useInput(() => dispatch({ type: 'help', open: false }));
  const keys = [...DETAILED[screen.name], ...GLOBAL];
  const width = Math.max(...keys.map(([key]) => chrome(theme, keyName(theme, key)).length)) + 2;
  return (
    <Box
      flexDirection="column"
      borderStyle={theme.border}
      borderColor={theme.colors.accent}
      paddingX={theme.border ? 1 : 0}
      width={Math.min(columns, 76)}
    >
      <Text bold color={theme.colors.accent}>
        Keys{theme.plain ? ':' : ''}
      </Text>
      {keys.map(([key, label]) => (
        <Box key={key + label}>
          <Box width={width} flexShrink={0}>
            <Text bold>{chrome(theme, keyName(theme, key))}</Text>
          </Box>
          <Box flexShrink={1}>
            <Text wrap="wrap">{chrome(theme, label)}</Text>
          </Box>
        </Box>
      ))}
      <Text> </Text>
      <Text color={theme.colors.muted} wrap="wrap">
        NO_COLOR turns colours off; --plain drops symbols and box drawing (screen readers, dumb terminals).
      </Text>
    </Box>
  );
}
