import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { resolveOnUse } from '../../../infrastructure/lambdas/resolve-on-use';

const ECHO = Symbol.for('test.Echo');

class Echo {
  static built = 0;
  constructor() {
    Echo.built += 1;
  }
  execute(command: string): Promise<string> {
    return Promise.resolve(`echo ${command}`);
  }
}

describe('resolveOnUse', () => {
  it('builds the use case at its first execution, once, and passes commands and results through', async () => {
    Echo.built = 0;
    const container = new Container({ defaultScope: 'Singleton' });
    container.bind(ECHO).toResolvedValue(() => new Echo());
    const echo = resolveOnUse<Echo>(container, ECHO);

    expect(Echo.built).toBe(0);
    expect(await echo.execute('one')).toBe('echo one');
    expect(await echo.execute('two')).toBe('echo two');
    expect(Echo.built).toBe(1);
  });

  it('lets a failure to build reach the caller of that execution, as a use case that threw would', async () => {
    const container = new Container({ defaultScope: 'Singleton' });
    const missing = resolveOnUse<Echo>(container, ECHO);

    await expect(async () => missing.execute('one')).rejects.toThrow();
  });
});
