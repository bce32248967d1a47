import { RoutedBackend } from '../core/routes.js';

/** identity/: present in the mount table like on a real dev server; no endpoints are served. */
export function identityBackend(): RoutedBackend {
  return new RoutedBackend('identity', []);
}
