/** What the page shows about its WebSocket. */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  /**
   * `retryAt`: epoch milliseconds of the next attempt. `unreachable`: nothing answered where the server should be
   * (this device is offline, or the server is down), as opposed to a connection that dropped.
   */
  | { readonly kind: 'reconnecting'; readonly retryAt: number; readonly attempt: number; readonly unreachable?: true }
  /** The server answered but would not take the token (expired, revoked, mistyped): retrying won't help. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'stopped' };
