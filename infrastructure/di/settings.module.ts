import { ContainerModule } from 'inversify';
import { ringSettings, type RingSettings } from '../../application/settings';
import { TOKENS } from './tokens';

/** The ring flow's tunables, validated; each Lambda's composition root reads them from its environment. */
export function settingsModule(overrides: Partial<RingSettings> = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.RingSettings).toConstantValue(ringSettings(overrides));
  });
}
