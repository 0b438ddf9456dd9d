import { Container, type ContainerModule } from 'inversify';

/**
 * A Lambda's container: singletons (one SDK client per cold start), only the modules that function needs.
 * Bindings resolve lazily, so what the handler never asks for is never built.
 */
export function lambdaContainer(...modules: readonly ContainerModule[]): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(...modules);
  return container;
}
