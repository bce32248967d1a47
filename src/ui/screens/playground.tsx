import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.js';
import { useEffect, useRef } from 'react';
import { useAppState } from '../app-state.js';
import { Header, KeyHints, keyHintLines, type KeyHint } from '../components/layout.js';
import { PlaygroundLine } from '../components/playground-line.js';
import { usePlaygroundState } from '../hooks/use-playground.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useServices } from '../services.js';

export const PLAYGROUND_KEYS: KeyHint[] = [
  ['s', 'start'],
  ['x', 'stop'],
  ['?', 'help'],
  ['q', 'back'],
];

/**
 * The learner's playground Vault. Opening this screen starts it when it is down (one key, `v`,
 * from anywhere). The export lines carry the dev root token: showing it here is deliberate, as in
 * `vault up` — it is a throwaway dev server on 127.0.0.1 that stops when the UI exits (one started by
 * `vault up` in another terminal keeps running).
 */
export function PlaygroundScreen({ active }: { active: boolean }) {
  const { playground, theme } = useServices();
  const { dispatch } = useAppState();
  const state = usePlaygroundState();
  const { columns } = useTerminalSize();
  const startedOnOpen = useRef(false);

  useEffect(() => {
    if (startedOnOpen.current) return;
    startedOnOpen.current = true;
    if (playground.getState().status === 'down') void playground.start();
  }, [playground]);

  useKeys(
    (input, key) => {
      if (key.escape || input === 'q' || input === 'v') return dispatch({ type: 'back' });
      if (input === 's' && (state.status === 'down' || state.status === 'failed')) void playground.start();
      if (input === 'x' && (state.status === 'up' || state.status === 'failed')) void playground.stop();
    },
    { isActive: active },
  );

  const exports = state.status === 'up' ? playground.exportLines() : [];
  return (
    <Box flexDirection="column" width={columns}>
      <Header title="Playground Vault" right={state.status} />
      <Text> </Text>
      <PlaygroundLine />
      {state.message && state.status === 'up' ? (
        <Text color={theme.colors.muted} wrap="wrap">
          {state.message}
        </Text>
      ) : null}
      <Text> </Text>
      {state.status === 'up' ? (
        <Box flexDirection="column">
          <Text>Paste these lines in another terminal, then use the vault (or bao) CLI, curl or your own program:</Text>
          <Box
            flexDirection="column"
            borderStyle={theme.border}
            borderColor={theme.colors.muted}
            paddingX={theme.border ? 1 : 2}
            marginY={theme.border ? 0 : 1}
          >
            {exports.map((line) => (
              <Text key={line} color={theme.colors.accent} wrap="wrap">
                {line}
              </Text>
            ))}
          </Box>
          <Text color={theme.colors.muted} wrap="wrap">
            A dev-mode server: in memory, on 127.0.0.1 only, with a throwaway root token.{' '}
            {state.attached
              ? 'Started elsewhere, it keeps running when you quit secrets-workbook (x stops it now).'
              : 'It stops when you quit secrets-workbook (x stops it now).'}
          </Text>
        </Box>
      ) : state.status === 'down' ? (
        <Text>The playground Vault is stopped. Press s to start it.</Text>
      ) : state.status === 'failed' ? (
        <Text wrap="wrap">
          It could not start: {state.message}. `secrets-workbook doctor` says which Vault providers work here. Press s
          to try again.
        </Text>
      ) : (
        <Text> </Text>
      )}
      <Text> </Text>
      <KeyHints lines={keyHintLines(PLAYGROUND_KEYS, columns, theme)} />
    </Box>
  );
}
