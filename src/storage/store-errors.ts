// Errors a store backend may throw that are not bugs. Nothing here knows about HTTP: the hosts decide the status.

/**
 * The backend cannot answer now (a networked backend is down, unreachable or too slow). The operation may or
 * may not have been applied when the cause is a timeout; the store keeps trying to reconnect by itself.
 */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
