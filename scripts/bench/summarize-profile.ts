// Prints where a `node --cpu-prof` profile spent its time: the top functions by self time, self time summed
// per file (node_modules packages grouped), and the split by request stage (stage-split.ts), in µs per
// request when the number of requests is given.
// Usage: npx tsx scripts/bench/summarize-profile.ts FILE.cpuprofile [TOP] [REQUESTS]
import { readFileSync } from "node:fs";
import { splitByStage } from "./stage-split.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error("usage: summarize-profile.ts FILE.cpuprofile [TOP]");
const top = Number(process.argv[3] ?? 25);
const requests = Number(process.argv[4] ?? 0);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `pkg:${pkg[1]}`;
  if (!url) return "(native/vm)";
  return url.replace(/^file:\/\/.*?\/(src|dist|scripts)\//, "$1/");
};

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"}  ${where(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byFile.set(where(url), (byFile.get(where(url)) ?? 0) + us);
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
  }
};
// Inclusive time: self time of a node plus everything it called; a function counted once per stack.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
const keyOf = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const walk = (id: number, onStack: Set<string>): number => {
  const node = byId.get(id);
  if (!node) return 0;
  const key = keyOf(node);
  let us = selfUs.get(id) ?? 0;
  const fresh = !onStack.has(key);
  if (fresh) onStack.add(key);
  for (const child of node.children ?? []) us += walk(child, onStack);
  if (fresh) {
    onStack.delete(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
  return us;
};
if (profile.nodes[0]) walk(profile.nodes[0].id, new Set());
const ours = new Map([...inclusive].filter(([key]) => / (src|dist|scripts)\/| pkg:(helmet|cors|router|express|ajv|body-parser)/.test(key)));

print("Self time by function", byFunction);
print("Self time by file or package", byFile);
print("Inclusive time, project code and middleware packages", ours);

const split = splitByStage(profile);
const busy = [...split].filter(([stage]) => stage !== "idle").reduce((sum, [, us]) => sum + us, 0);
console.log(`\nSplit by request stage (innermost matching frame; busy time ${(busy / 1000).toFixed(0)} ms${requests > 0 ? `, ${requests} requests` : ""})`);
for (const [stage, us] of [...split].sort((a, b) => b[1] - a[1])) {
  const perRequest = requests > 0 && stage !== "idle" && stage !== "startup" ? `${(us / requests).toFixed(1).padStart(7)} µs/req` : "";
  console.log(`${stage === "idle" ? "     " : `${((us / busy) * 100).toFixed(1).padStart(5)}%`}  ${(us / 1000).toFixed(1).padStart(8)} ms  ${perRequest}  ${stage}`);
}
