/** What the page shows about its WebSocket. */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected' }
  /** `retryAt`: epoch milliseconds of the next attempt. */
  | { readonly kind: 'reconnecting'; readonly retryAt: number; readonly attempt: number }
  /** The server answered but would not take the token (expired, revoked, mistyped): retrying won't help. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'stopped' };
