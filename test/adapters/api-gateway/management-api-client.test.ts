import { describe, expect, it } from 'vitest';
import { createManagementApiClient } from '../../../adapters/api-gateway/management-api-client';

describe('createManagementApiClient', () => {
  it('turns the SDK retries off, whatever it is given, since the notifier retries itself', async () => {
    // Act
    const client = createManagementApiClient({ endpoint: 'https://example.execute-api.eu-west-1.amazonaws.com/prod', region: 'eu-west-1', maxAttempts: 3 });

    // Assess
    expect(await client.config.maxAttempts()).toBe(1);
  });
});
