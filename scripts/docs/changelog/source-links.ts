// Links for the repo's openapi/CHANGELOG.md: each anchor of the docs page mapped to where it is written in
// openapi/ (relative to that folder): an operation to the line of its operationId in paths/, a schema to
// its file in components/schemas/, the overview to openapi.yaml. Node only.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { OVERVIEW_ANCHOR } from "../anchors.js";

export function sourceLinker(openapiDir: string): (anchor: string) => string {
  const operationLines = new Map<string, string>();
  for (const file of readdirSync(join(openapiDir, "paths")).filter((f) => f.endsWith(".yaml")).sort()) {
    readFileSync(join(openapiDir, "paths", file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const id = /^\s+operationId:\s*['"]?([\w-]+)/.exec(line)?.[1];
        if (id) operationLines.set(id, `paths/${file}#L${i + 1}`);
      });
  }
  return (anchor) => {
    if (anchor === OVERVIEW_ANCHOR) return "openapi.yaml";
    const [kind, name] = anchor.split("/");
    if (kind === "operation" && name) {
      const at = operationLines.get(name);
      if (at) return at;
    }
    if (kind === "schema" && name && existsSync(join(openapiDir, "components", "schemas", `${name}.yaml`))) return `components/schemas/${name}.yaml`;
    // A removed operation or schema has no source any more: the link goes to the index.
    return "openapi.yaml";
  };
}
