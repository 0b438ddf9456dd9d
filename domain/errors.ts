/**
 * Errors that cross ports. Expected outcomes are values (discriminated unions); these are for failures a caller
 * can do something about, so they carry what it needs.
 */

/** The recognizer is throttled or temporarily down: retry later (the ring workflow does, with backoff). */
export class RecognizerUnavailableError extends Error {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecognizerUnavailableError';
  }
}

/** A push could not be confirmed either way (throttled past retries, payload too large, network). */
export class NotificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotificationError';
  }
}

/**
 * A callback to a waiting workflow failed for a reason other than the wait being over. `retryable` says whether
 * sending it again later can succeed (throttling, a 5xx, the network) or never will (refused output, permissions).
 */
export class WorkflowCallbackError extends Error {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkflowCallbackError';
    this.retryable = options.retryable;
  }
}
