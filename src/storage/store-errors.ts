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

/**
 * The caller's API key no longer opens this account: a reset (through any replica) removed or moved it after
 * accountForKey answered. The hosts answer as for an unknown key.
 */
export class ApiKeyRevokedError extends Error {
  override readonly name = "ApiKeyRevokedError";
  constructor() {
    super("the API key is not one of this account's any more");
  }
}
