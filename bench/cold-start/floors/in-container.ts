// The new floors' container: what every composition root must load (the customer's inversify), around a floor's
// handler. One container built as the roots build it (lambdaContainer), one binding resolved at import.
import { ContainerModule } from 'inversify';
import { lambdaContainer } from '../../../infrastructure/lambdas/lambda-container';

const HANDLER = Symbol.for('floor.handler');

/** `floorHandler`, bound in and resolved from a Lambda container. */
export function inContainer<Handler>(floorHandler: Handler): Handler {
  const container = lambdaContainer(
    new ContainerModule(({ bind }) => {
      bind(HANDLER).toResolvedValue(() => floorHandler);
    }),
  );
  return container.get<Handler>(HANDLER);
}
