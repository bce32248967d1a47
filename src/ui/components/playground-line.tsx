import { Text } from 'ink';
import { usePlaygroundState } from '../hooks/use-playground.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useServices } from '../services.js';

/** One line: the playground Vault's state, on every screen that needs it. */
export function PlaygroundLine() {
  const { theme } = useServices();
  const state = usePlaygroundState();
  const busy = state.status === 'starting' || state.status === 'stopping';
  const spinner = useSpinner(busy);
  switch (state.status) {
    case 'up':
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.success}>up</Text> · {state.provider}
          {state.version ? ` (${state.version})` : ''} · {state.address}
        </Text>
      );
    case 'starting':
    case 'stopping':
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.warning}>{spinner} {state.status}</Text> {state.message ? `· ${state.message}` : ''}
        </Text>
      );
    case 'failed':
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.failure}>could not start</Text> · {state.message} (v to retry)
        </Text>
      );
    default:
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.muted}>down</Text> · press v to start one
        </Text>
      );
  }
}
