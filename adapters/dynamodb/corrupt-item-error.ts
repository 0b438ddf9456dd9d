/**
 * A stored item that can't be read back as a domain object (a field missing or of the wrong type): data written
 * by something else or by an older schema. Thrown rather than returning a half-filled object.
 */
export class CorruptItemError extends Error {
  constructor(
    readonly tableName: string,
    readonly key: Readonly<Record<string, unknown>>,
    readonly reason: string,
  ) {
    super(`Corrupt item in DynamoDB table ${tableName} at key ${JSON.stringify(key)}: ${reason}`);
    this.name = 'CorruptItemError';
  }
}
