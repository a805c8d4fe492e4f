// Time from spawning a server to its first answered request (GET one domain), median of a few samples.
import { STARTUP_SAMPLES } from "./bench-config.js";
import type { ServerProcess } from "./spawn-server.js";

export interface StartupResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time of the server until its first answer, when known. */
  medianCpuMs: number | undefined;
}

export async function measureStartup(start: () => Promise<ServerProcess>): Promise<StartupResult> {
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < STARTUP_SAMPLES; i++) {
    const server = await start();
    samples.push(server.startupMs);
    if (server.startupCpuMs !== undefined) cpu.push(server.startupCpuMs);
    await server.stop();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  samples.sort((a, b) => a - b);
  return { medianMs: median(samples)!, minMs: samples[0]!, maxMs: samples[samples.length - 1]!, medianCpuMs: cpu.length === samples.length ? median(cpu) : undefined };
}
