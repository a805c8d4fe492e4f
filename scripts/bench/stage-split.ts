// Splits a `.cpuprofile` by request stage: each sample goes to the innermost frame of its stack that belongs
// to a stage (so JSON.stringify inside pino counts as logging, Ajv code inside the response check as the
// check, a socket write as the response write), and samples under startup frames to "startup".
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

type Matcher = (url: string, fn: string) => boolean;
const file = (re: RegExp): Matcher => (url) => re.test(url);
const pkg = (...names: string[]): Matcher => file(new RegExp(`node_modules/(${names.join("|")})/`));

/** In order of precedence when two stages match the same frame. */
const STAGES: Array<[string, Matcher[]]> = [
  ["logging (request log, pino)", [pkg("pino", "sonic-boom", "thread-stream", "pino-std-serializers", "fast-redact", "quick-format-unescaped", "atomic-sleep"), file(/src\/server\/request-log\.js/)]],
  ["headers (helmet, cors)", [pkg("helmet", "cors", "vary", "object-assign"), file(/src\/server\/fixed-headers\.js/)]],
  ["routing (Express stack, engine router)", [pkg("router", "parseurl", "path-to-regexp", "finalhandler"), file(/node_modules\/express\/lib\/(application|express)\.js/), file(/src\/engine\/router\.js/)]],
  ["key, Prefer, parameters, body", [file(/src\/engine\/(request-validator|prefer|authenticate|read-json-body)\.js/), file(/src\/server\/read-node-body\.js/), pkg("raw-body"), file(/src\/store\/api-keys\.js/)]],
  ["store and handler", [file(/src\/store\//), file(/src\/engine\/handlers\.js/)]],
  ["response self-check", [file(/src\/engine\/(response-check|validation-memo)\.js/)]],
  ["engine pipeline (glue, errors)", [file(/src\/engine\/(create-engine|error-response|http-error)\.js/)]],
  ["serialisation (JSON of the body)", [file(/src\/engine\/json-text\.js/)]],
  ["Express res.status/set/send", [file(/node_modules\/express\/lib\/response\.js/)]],
  // Node's own work of turning status, headers and body into bytes on the socket.
  [
    "response write (Node: head + body to socket)",
    [(url, fn) => (url === "node:_http_outgoing" && /^(end|_send|_writeRaw|write_|_flushOutput|_storeHeader|processHeader|_finish)$/.test(fn)) || (url === "node:_http_server" && fn === "writeHead")],
  ],
  ["adapter (src/hosts/node/app.ts)", [file(/src\/hosts\/node\/app\.js/)]],
];

const STARTUP: Matcher[] = [file(/src\/(start-mock|server)\.js/), (url) => url.startsWith("node:internal/modules/")];

export function splitByStage(profile: CpuProfile): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stageOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = stageOf.get(id);
    if (known) return known;
    let innermost: string | undefined;
    let startup = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      if (STARTUP.some((m) => m(url, functionName))) startup = true;
      innermost ??= STAGES.find(([, matchers]) => matchers.some((m) => m(url, functionName)))?.[0];
    }
    const { functionName } = byId.get(id)!.callFrame;
    const stage = startup
      ? "startup"
      : functionName === "(idle)"
        ? "idle"
        : functionName === "(garbage collector)"
          ? "garbage collection"
          : (innermost ?? "Node HTTP parsing, sockets, event loop");
    stageOf.set(id, stage);
    return stage;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const stage = classify(id);
    out.set(stage, (out.get(stage) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return out;
}
