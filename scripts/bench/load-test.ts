// One autocannon run against one target: 10 connections on loopback for a few seconds.
import autocannon from "autocannon";
import { API_KEY, CONNECTIONS } from "./bench-config.js";
import { cpuMs } from "./process-cpu.js";

export interface Scenario {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** For POST: a fresh body per request (create needs unique names to keep answering 201). */
  body?: () => string;
  /** The status every answer should have; others are counted and reported. */
  expectStatus: number;
  /** Default: the demo seed's account A key. */
  apiKey?: string;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  meanMs: number;
  /** Answers with another status, errors and timeouts. */
  unexpected: number;
  total: number;
  /** Server CPU time per answered request, in microseconds (when the server's pid is known, on Linux). */
  cpuUsPerRequest: number | undefined;
}

export async function runLoad(baseUrl: string, scenario: Scenario, seconds: number, serverPid?: number): Promise<LoadResult> {
  let unexpected = 0;
  const headers: Record<string, string> = { "x-api-key": scenario.apiKey ?? API_KEY };
  if (scenario.body) headers["content-type"] = "application/json";
  const body = scenario.body;
  const cpuBefore = serverPid === undefined ? undefined : cpuMs(serverPid);
  const result = await autocannon({
    url: baseUrl + scenario.path,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 5,
    requests: [
      {
        method: scenario.method,
        path: scenario.path,
        headers,
        ...(body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) } : {}),
        onResponse: (status: number) => {
          if (status !== scenario.expectStatus) unexpected++;
        },
      },
    ],
  });
  const cpuAfter = serverPid === undefined ? undefined : cpuMs(serverPid);
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0 ? undefined : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    meanMs: result.latency.average,
    unexpected: unexpected + result.errors + result.timeouts,
    total: result.requests.total,
    cpuUsPerRequest,
  };
}

/** Several runs of one target as one figure: means, except p99, which is the worst run's. */
export function mergeResults(results: LoadResult[]): LoadResult {
  const mean = (pick: (r: LoadResult) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  const cpu = results.map((r) => r.cpuUsPerRequest).filter((v): v is number => v !== undefined);
  return {
    rps: mean((r) => r.rps),
    p50: mean((r) => r.p50),
    p99: Math.max(...results.map((r) => r.p99)),
    meanMs: mean((r) => r.meanMs),
    unexpected: results.reduce((sum, r) => sum + r.unexpected, 0),
    total: results.reduce((sum, r) => sum + r.total, 0),
    cpuUsPerRequest: cpu.length === results.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : undefined,
  };
}
