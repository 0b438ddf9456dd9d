import * as bindings from './use-case-bindings';
import { isUseCaseBinding, useCases } from './use-case-bindings';

/**
 * Every use case: for the local doorbell, the operator's CLI and tests, which use them all. A Lambda's root binds
 * only its own with `useCases(…)`, so that its bundle carries no other.
 */
export const useCasesModule = useCases(...Object.values(bindings as Record<string, unknown>).filter(isUseCaseBinding));
