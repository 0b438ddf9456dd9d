/**
 * In-memory twins hand out and keep copies, as a real store does after serialization: a caller mutating an object
 * it saved (or read) must not change what is stored. Without this the twins would pass tests the real ones fail.
 */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
