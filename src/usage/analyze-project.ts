// Reads a consumer's TypeScript project (its tsconfig, with its own TypeScript) and returns what it does with
// the API: every call, what it sends, which statuses it tells apart and which response properties it reads.
import { resolve } from "node:path";
import type * as TS from "typescript";
import { ApiCallFinder, OPENAPI_FETCH, type ApiCall } from "./api-calls.js";
import { ValueFollower } from "./follow-value.js";
import { KitFiles } from "./kit-files.js";
import { ProjectCode } from "./project-code.js";
import { requestFields } from "./request-fields.js";
import type { CallUsage, SourceLocation } from "./usage-manifest.js";

export class ProjectError extends Error {}

/** How many callers up a thrown error is looked for in a try/catch (a call inside a helper called in a try). */
const CATCH_DEPTH = 3;

export interface OpenedProject {
  code: ProjectCode;
  kit: KitFiles;
}

/** The program of `tsconfig`; `kitPackages` name the kit's packages (their files are the kit's, not the project's). */
export function openProject(ts: typeof TS, tsconfig: string, root: string, kitPackages: ReadonlySet<string>): OpenedProject {
  const file = resolve(tsconfig);
  if (!ts.sys.fileExists(file)) throw new ProjectError(`no TypeScript project at ${tsconfig} (give one with --project)`);
  const problems: string[] = [];
  const host: TS.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => problems.push(ts.flattenDiagnosticMessageText(d.messageText, " ")) };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, host);
  const configErrors = (parsed?.errors ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (!parsed || problems.length || configErrors.length) {
    throw new ProjectError(`${tsconfig}: ${problems[0] ?? ts.flattenDiagnosticMessageText(configErrors[0]?.messageText ?? "cannot be read", " ")}`);
  }
  if (parsed.fileNames.length === 0) throw new ProjectError(`${tsconfig} includes no source file`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences ?? [] });
  const kit = new KitFiles(ts, kitPackages);
  return { code: new ProjectCode(ts, program, program.getTypeChecker(), resolve(root), (f) => kit.isKitFile(f)), kit };
}

export function analyzeProject({ code, kit }: OpenedProject): CallUsage[] {
  const calls = new ApiCallFinder(code, kit).find();
  return calls.map((call) => usageOf(code, kit, call));
}

function usageOf(code: ProjectCode, kit: KitFiles, call: ApiCall): CallUsage {
  const usage: CallUsage = {
    operationId: call.operationId,
    method: call.method,
    path: call.path,
    via: call.via,
    callee: call.node.expression.getText(),
    ...code.where(call.node),
    sends: requestFields(code, kit, call.node),
    statuses: [],
    reads: [],
  };
  const follower = new ValueFollower(code, kit, usage, OPENAPI_FETCH);
  follower.follow(call.node, call.via === "typed-client" ? { kind: "body", of: "data", path: [] } : { kind: "fetch-result" });
  if (call.via === "typed-client") {
    for (const clause of enclosingCatches(code, call.node, 0)) {
      if (clause.variableDeclaration) follower.bind(clause.variableDeclaration.name, { kind: "api-error" }, 0);
    }
  }
  return tidy(usage);
}

/** The catch clauses a rejection of `node` can reach: try blocks around it, up to its function, then around its callers. */
function enclosingCatches(code: ProjectCode, node: TS.Node, depth: number): TS.CatchClause[] {
  const ts = code.ts;
  const clauses: TS.CatchClause[] = [];
  let child: TS.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isTryStatement(parent) && parent.tryBlock === child && parent.catchClause) clauses.push(parent.catchClause);
    if (ts.isFunctionLike(parent)) {
      if (depth < CATCH_DEPTH) for (const caller of callersOf(code, parent)) clauses.push(...enclosingCatches(code, caller, depth + 1));
      break;
    }
  }
  return clauses;
}

function callersOf(code: ProjectCode, fn: TS.SignatureDeclaration): TS.CallExpression[] {
  const ts = code.ts;
  let name: TS.Node | undefined;
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) name = fn.name;
  else if (fn.parent && ts.isVariableDeclaration(fn.parent)) name = fn.parent.name;
  const symbol = name ? code.symbolAt(name) : undefined;
  if (!symbol) return [];
  return code.references(symbol, name).flatMap((ref) => {
    const callee = ts.isPropertyAccessExpression(ref.parent) && ref.parent.name === ref ? ref.parent : ref;
    return ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? [callee.parent] : [];
  });
}

const byPlace = (a: SourceLocation, b: SourceLocation) => a.file.localeCompare(b.file) || a.line - b.line;

/** One entry per use (the same read on the same line once), in source order. */
function tidy(usage: CallUsage): CallUsage {
  const unique = <T extends SourceLocation>(list: T[]): T[] => {
    const seen = new Map<string, T>();
    for (const item of list) seen.set(JSON.stringify(Object.entries(item).sort()), item);
    return [...seen.values()].sort(byPlace);
  };
  return { ...usage, sends: unique(usage.sends), statuses: unique(usage.statuses), reads: unique(usage.reads) };
}
