// The server host's half of body reading: the bytes of a Node request, at most `limitBytes`, with raw-body
// (the reader under Express's own body parser). Its failures become the engine's BodyReadError, so the
// statuses and messages are the engine's, the same as for every other host.
import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import { BodyReadError } from "../../engine/engine-types.js";

export async function readNodeBody(req: IncomingMessage, limitBytes: number): Promise<Uint8Array> {
  const length = req.headers["content-length"];
  try {
    return await getRawBody(req, { limit: limitBytes, ...(length === undefined ? {} : { length }) });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") throw new BodyReadError("too-large", limitBytes);
    if (type === "request.size.invalid") throw new BodyReadError("length-mismatch");
    throw new BodyReadError("aborted");
  }
}
