import { useSyncExternalStore } from 'react';
import type { PlaygroundState } from '../../course/playground.js';
import { useServices } from '../services.js';

export function usePlaygroundState(): PlaygroundState {
  const { playground } = useServices();
  return useSyncExternalStore(playground.subscribe, playground.getState);
}
