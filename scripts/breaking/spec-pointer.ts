// JSON pointers into a bundled spec: decode them, follow them through local $refs, and find which
// operations reach a component (a change of a shared component matters to every one of them).
export type Json = unknown;

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** `#/paths/~1a~1{b}/get` -> ["paths", "/a/{b}", "get"] */
export function segments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "" || body === "/") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function toPointer(segs: string[]): string {
  return "#/" + segs.map((s) => s.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null;
}

function deref(spec: Json, node: Json, seen = new Set<string>()): Json {
  if (isObject(node) && typeof node["$ref"] === "string" && node["$ref"].startsWith("#")) {
    const ref = node["$ref"];
    if (seen.has(ref)) return undefined;
    seen.add(ref);
    return deref(spec, get(spec, segments(ref)), seen);
  }
  return node;
}

/** The node at `segs`, following local $refs on the way (so `parameters/0` gives the parameter itself). */
export function get(spec: Json, segs: string[]): Json {
  let node: Json = spec;
  for (const s of segs) {
    node = deref(spec, node);
    if (!isObject(node)) return undefined;
    node = node[s];
  }
  return deref(spec, node);
}

/** The component a pointer lies in, e.g. `#/components/schemas/Description` for `.../Description/maxLength`. */
export function componentOf(pointer: string): string | undefined {
  const segs = segments(pointer);
  return segs[0] === "components" && segs.length >= 3 ? toPointer(segs.slice(0, 3)) : undefined;
}

export interface OperationRef {
  method: string;
  path: string;
  operationId?: string;
}

export function operations(spec: Json): OperationRef[] {
  const paths = isObject(spec) && isObject(spec["paths"]) ? spec["paths"] : {};
  const ops: OperationRef[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      ops.push({ method, path, operationId: typeof op["operationId"] === "string" ? op["operationId"] : undefined });
    }
  }
  return ops;
}

function refsReachable(spec: Json, start: Json): Set<string> {
  const found = new Set<string>();
  const stack: Json[] = [start];
  while (stack.length) {
    const node = stack.pop();
    if (!isObject(node)) continue;
    const ref = node["$ref"];
    if (typeof ref === "string" && ref.startsWith("#/components/")) {
      const component = componentOf(ref) ?? ref;
      if (!found.has(component)) {
        found.add(component);
        stack.push(get(spec, segments(component)));
      }
    }
    for (const v of Object.values(node)) stack.push(v);
  }
  return found;
}

/** The operations whose parameters, body or responses reach `component` through $refs. */
export function operationsUsing(spec: Json, component: string): OperationRef[] {
  return operations(spec).filter((op) => {
    const item = get(spec, ["paths", op.path]);
    const own = get(spec, ["paths", op.path, op.method]);
    const pathParams = isObject(item) ? item["parameters"] : undefined;
    return refsReachable(spec, [own, pathParams]).has(component);
  });
}
