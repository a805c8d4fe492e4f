// Why a request got no answer, in a few words: a refused connection is "connection refused", not a timeout.
// No vitest import: the CLI's preflight uses it too.
export function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.cause?.code === "UND_ERR_CONNECT_TIMEOUT") return `no answer within ${timeoutMs} ms (timeout)`;
  switch (e.cause?.code) {
    case "ECONNREFUSED":
      return "connection refused (is the server running, and on this port?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the connection was closed before an answer";
    default:
      if (e.cause?.code) return `${e.cause.code}${e.cause.message ? `: ${e.cause.message}` : ""}`;
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
