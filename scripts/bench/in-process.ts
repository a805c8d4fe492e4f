// The in-process host under load: calls per second of `createMockFetch()` (the built dist/src/hosts/fetch.js,
// defaults: response check on) against a bare function with fetch's signature that returns the same body
// as a Response. One call at a time, awaited, body read as text: the way a test or a page calls it.
// Targets alternate in rounds, as in the server bench. Prints one JSON line (InProcessResult) on stdout.
// Run as a child: node --import tsx scripts/bench/in-process.ts SECONDS ROUNDS
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { API_KEY, CREATE_API_KEY, CREATE_PATH, ITEM_PATH, repoRoot } from "./bench-config.js";

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
interface MockFetchModule {
  createMockFetch(): FetchLike & { mock: { reset(): Promise<void> } };
}

export interface InProcessFigures {
  callsPerSecond: number;
  usPerCall: number;
}
export type InProcessResult = Record<"GET one" | "create", { mock: InProcessFigures; bare: InProcessFigures }>;

const seconds = Number(process.argv[2] ?? 3);
const rounds = Number(process.argv[3] ?? 3);
const BASE = "http://mock.test";
const JSON_TYPE = "application/json; charset=utf-8";

const { createMockFetch } = (await import(pathToFileURL(join(repoRoot, "dist", "src", "hosts", "fetch.js")).href)) as MockFetchModule;
const mockFetch = createMockFetch();

// The bare functions answer what the mock answers, serialised once (create splices the name in, as the
// pre-serialised bare Express does, after parsing the request body as any JSON endpoint must).
const oneText = await (await mockFetch(BASE + ITEM_PATH, { headers: { "x-api-key": API_KEY } })).text();
const marker = "\u0000domain\u0000";
const [before = "", after = ""] = JSON.stringify({ ...(JSON.parse(oneText) as object), domain: marker }).split(JSON.stringify(marker));
const bareGet: FetchLike = async () => new Response(oneText, { status: 200, headers: { "content-type": JSON_TYPE } });
const bareCreate: FetchLike = async (_input, init) => {
  const { domain } = JSON.parse(String(init?.body)) as { domain: string };
  return new Response(before + JSON.stringify(domain) + after, { status: 201, headers: { "content-type": JSON_TYPE } });
};

let counter = 0;
const runId = Date.now().toString(36);
const getInit: RequestInit = { headers: { "x-api-key": API_KEY } };
const createInit = (): RequestInit => ({
  method: "POST",
  headers: { "x-api-key": CREATE_API_KEY, "content-type": "application/json" },
  body: JSON.stringify({ domain: `n${++counter}.r${runId}.bench.example.com`, description: "Bench" }),
});

/** Calls `fn` back to back for `ms`; every answer must have `status`. */
async function measure(call: () => Promise<Response>, status: number, ms: number, between?: (n: number) => Promise<void>): Promise<InProcessFigures> {
  let calls = 0;
  const started = performance.now();
  const until = started + ms;
  while (performance.now() < until) {
    const res = await call();
    await res.text();
    if (res.status !== status) throw new Error(`unexpected status ${res.status}`);
    calls++;
    if (between) await between(calls);
  }
  const elapsed = performance.now() - started;
  return { callsPerSecond: (calls * 1000) / elapsed, usPerCall: (elapsed * 1000) / calls };
}

// Creates grow account B: the world goes back to its seed every 5,000 creates (counted in the time).
const resetEvery = async (n: number) => {
  if (n % 5_000 === 0) await mockFetch.mock.reset();
};
const scenarios = {
  "GET one": {
    mock: () => measure(() => mockFetch(BASE + ITEM_PATH, getInit), 200, seconds * 1000),
    bare: () => measure(() => bareGet(BASE + ITEM_PATH, getInit), 200, seconds * 1000),
  },
  create: {
    mock: () => measure(() => mockFetch(BASE + CREATE_PATH, createInit()), 201, seconds * 1000, resetEvery),
    bare: () => measure(() => bareCreate(BASE + CREATE_PATH, createInit()), 201, seconds * 1000),
  },
};

const mean = (xs: InProcessFigures[]): InProcessFigures => ({
  callsPerSecond: xs.reduce((s, x) => s + x.callsPerSecond, 0) / xs.length,
  usPerCall: xs.reduce((s, x) => s + x.usPerCall, 0) / xs.length,
});
const result = {} as InProcessResult;
for (const [name, targets] of (Object.entries(scenarios) as Array<[keyof InProcessResult, (typeof scenarios)["GET one"]]>).filter(([n]) => !process.env["IN_PROCESS_ONLY"] || process.env["IN_PROCESS_ONLY"] === n)) {
  await targets.mock(); // warm-up, so V8 has optimised both before anything counts
  await targets.bare();
  const mocks: InProcessFigures[] = [];
  const bares: InProcessFigures[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["mock", "bare"] as const) : (["bare", "mock"] as const);
    for (const which of order) (which === "mock" ? mocks : bares).push(await targets[which]());
  }
  result[name] = { mock: mean(mocks), bare: mean(bares) };
}
console.log(JSON.stringify(result));
