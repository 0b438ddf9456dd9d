/**
 * A function's Powertools service name, which the stack also sets as its POWERTOOLS_SERVICE_NAME. A module of its
 * own so that a root's bundle need not carry the table of every function (functions.ts) to name itself.
 */
export function serviceName<Name extends string>(name: Name): `doorbell-${Name}` {
  return `doorbell-${name}`;
}
