import { Text } from 'ink';
import { usePlaygroundState } from '../hooks/use-playground.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useServices } from '../services.js';
import { chrome } from '../theme.js';

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
          Playground Vault: <Text color={theme.colors.success}>up</Text>
          {chrome(theme, ' · ')}
          {vaultLabel(state.provider, state.version)}
          {chrome(theme, ' · ')}
          {state.address}
        </Text>
      );
    case 'starting':
    case 'stopping':
      return (
        <Text wrap="truncate-end">
          Playground Vault:{' '}
          <Text color={theme.colors.warning}>
            {spinner} {state.status}
          </Text>{' '}
          {state.message ? chrome(theme, `· ${state.message}`) : ''}
        </Text>
      );
    case 'failed':
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.failure}>could not start</Text>
          {chrome(theme, ' · ')}
          {state.message} (v to retry)
        </Text>
      );
    default:
      return (
        <Text wrap="truncate-end">
          Playground Vault: <Text color={theme.colors.muted}>down</Text>
          {chrome(theme, ' · ')}press v to start one
        </Text>
      );
  }
}

/**
 * "binary (OpenBao v2.7.2)"; a version that already names its provider ("embedded (OpenBao 2.7.2
 * API)") is shown alone rather than wrapped in the provider's name a second time.
 */
export function vaultLabel(provider: string | undefined, version: string | undefined): string {
  if (!version) return provider ?? '';
  if (!provider || version.toLowerCase().startsWith(provider.toLowerCase())) return version;
  return `${provider} (${version})`;
}
