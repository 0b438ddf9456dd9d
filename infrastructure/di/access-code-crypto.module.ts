import { ContainerModule } from 'inversify';
import { CryptoCodeGenerator } from '../../adapters/crypto/crypto-code-generator';
import { ScryptCodeHasher } from '../../adapters/crypto/scrypt-code-hasher';
import { TOKENS } from './tokens';

/** Access codes are made and hashed the same way everywhere: CSPRNG digits, scrypt with a random salt. */
export function accessCodeCryptoModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.CodeGenerator).toConstantValue(new CryptoCodeGenerator());
    bind(TOKENS.CodeHasher).toConstantValue(new ScryptCodeHasher());
  });
}
