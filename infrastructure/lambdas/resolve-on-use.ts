import type { Container, ServiceIdentifier } from 'inversify';

/**
 * A use case resolved from `container` when first executed, not at cold start. For the functions that serve several
 * routes or workflow states: a cold start then builds only what its own request needs (its use case, and the SDK
 * clients behind it), not every other route's.
 */
export function resolveOnUse<UseCase extends { execute(command: never): unknown }>(
  container: Pick<Container, 'get'>,
  token: ServiceIdentifier<UseCase>,
): Pick<UseCase, 'execute'> {
  let resolved: UseCase | undefined;
  return {
    execute: ((command: never) => {
      resolved ??= container.get(token);
      return resolved.execute(command);
    }) as UseCase['execute'],
  };
}
