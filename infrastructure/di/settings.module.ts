import { ContainerModule } from 'inversify';
import { DEFAULT_RING_SETTINGS, type RingSettings } from '../../application/settings';
import { TOKENS } from './tokens';

/** The ring flow's tunables; each Lambda's composition root reads them from its environment. */
export function settingsModule(overrides: Partial<RingSettings> = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.RingSettings).toConstantValue({ ...DEFAULT_RING_SETTINGS, ...overrides });
  });
}
