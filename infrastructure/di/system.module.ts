import { ContainerModule } from 'inversify';
import { RandomIdGenerator } from '../../adapters/system/random-id-generator';
import { SystemClock } from '../../adapters/system/system-clock';
import type { Clock } from '../../domain/ports/clock';
import type { IdGenerator } from '../../domain/ports/id-generator';
import { TOKENS } from './tokens';

/** The real clock and random ids; tests and scripted demos pass their own. */
export function systemModule(replacements: { readonly clock?: Clock; readonly ids?: IdGenerator } = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Clock).toConstantValue(replacements.clock ?? new SystemClock());
    bind(TOKENS.IdGenerator).toConstantValue(replacements.ids ?? new RandomIdGenerator());
  });
}
