import * as bindings from './use-case-bindings';
import { useCases, type UseCaseBinding } from './use-case-bindings';

/**
 * Every use case: for the local doorbell, the operator's CLI and tests, which use them all. A Lambda's root binds
 * only its own with `useCases(…)`, so that its bundle carries no other.
 */
export const useCasesModule = useCases(...Object.values(bindings).filter(isBinding));

function isBinding(value: unknown): value is UseCaseBinding {
  return typeof value === 'object' && value !== null && 'bind' in value;
}
