/**
 * What a WebSocket route's Lambda returns to API Gateway. On $connect a non-2xx refuses the connection; on other
 * routes it only matters to API Gateway's logs (replies go out through the management API, not as route responses).
 */
export interface WebSocketResponse {
  readonly statusCode: number;
}

export const OK: WebSocketResponse = { statusCode: 200 };
export const BAD_REQUEST: WebSocketResponse = { statusCode: 400 };
export const INTERNAL_ERROR: WebSocketResponse = { statusCode: 500 };
