import { badRequest, unsupportedOperation, unsupportedPath, VaultError } from './errors.js';
import type { Backend, Request, Response, Route } from './logical.js';

/**
 * A backend built from a route table, as `framework.Backend` does: the first pattern that
 * matches the relative path wins; a path with no pattern is "unsupported path" (404), an
 * operation the pattern lacks is "unsupported operation" (405).
 */
export class RoutedBackend implements Backend {
  constructor(
    readonly type: string,
    private readonly routes: Route[],
    private readonly special: { unauthenticated?: (path: string) => boolean; root?: (path: string) => boolean } = {},
  ) {}

  /** The route table (what a differential fuzzer generates requests from). */
  get routeTable(): readonly Route[] {
    return this.routes;
  }

  handle(request: Request): Response | null {
    const [route, match] = this.#find(request.relativePath);
    const handler =
      route.operations[request.operation] ?? (request.operation === 'create' ? route.operations.update : undefined);
    if (!handler) throw unsupportedOperation();
    try {
      validateFields(route, request);
    } catch (error) {
      if (error instanceof VaultError && error.status === 400)
        throw badRequest(`Field validation failed: ${error.errors[0]}`, null);
      throw error;
    }
    return withIgnoredFields(route, request, handler(request, match) ?? null);
  }

  exists(request: Request): boolean | undefined {
    const found = this.#tryFind(request.relativePath);
    if (!found || !found[0].exists) return undefined;
    validateFields(found[0], request);
    return found[0].exists(request, found[1]);
  }

  isUnauthenticated(path: string): boolean {
    return this.special.unauthenticated?.(path) ?? false;
  }

  isRootProtected(path: string): boolean {
    return this.special.root?.(path) ?? false;
  }

  #tryFind(path: string): [Route, RegExpExecArray] | undefined {
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      if (match) return [route, match];
    }
    return undefined;
  }

  #find(path: string): [Route, RegExpExecArray] {
    const found = this.#tryFind(path);
    if (!found) throw unsupportedPath();
    return found;
  }
}

/** framework's FieldData.Validate: convert every field of the schema that the request carries. */
function validateFields(route: Route, request: Request): void {
  if (!route.fields) return;
  for (const [field, convert] of Object.entries(route.fields))
    if (request.data && Object.hasOwn(request.data, field)) convert(request.data, field);
}

/** The framework's warning about request fields outside the path's schema, on any answer it gives. */
function withIgnoredFields(route: Route, request: Request, response: Response | null): Response | null {
  // A list of nothing is a response too (logical.ListResponse with no keys), so it gets the warning.
  const answer = response ?? (request.operation === 'list' ? { data: {} } : null);
  if (!route.fields || !answer || answer.raw || !request.data) return response;
  const ignored = Object.keys(request.data)
    .filter((field) => !Object.hasOwn(route.fields!, field))
    .sort();
  if (ignored.length === 0) return response;
  const warning = `Endpoint ignored these unrecognized parameters: [${ignored.join(' ')}]`;
  return { ...answer, warnings: [...(answer.warnings ?? []), warning] };
}
