// Which declarations are the kit's: a declaration belongs to the kit when its file's nearest package.json names
// the kit or its client package (installed, or this repository itself when run from source). Reads are only
// recorded for properties declared in the kit's generated types (generated/openapi.ts or .d.ts), so a match
// is made by following the checker's symbols back to their declarations, never by names in the text.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type * as TS from "typescript";
import type { RequestPlace } from "./usage-manifest.js";

/** The typed client's own package (scripts/package/build-client.ts builds it from src/client). */
export const CLIENT_PACKAGE_NAME = "@vortex/email-domains-client";

const PARAMETER_PLACES: RequestPlace[] = ["query", "path", "header", "cookie"];

export class KitFiles {
  private readonly packageOfDir = new Map<string, string | undefined>();

  constructor(
    private readonly ts: typeof TS,
    private readonly kitPackages: ReadonlySet<string>,
  ) {}

  /** The `name` of the nearest package.json above `file`. */
  packageOf(file: string): string | undefined {
    const dir = dirname(file);
    if (this.packageOfDir.has(dir)) return this.packageOfDir.get(dir);
    let name: string | undefined;
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        name = (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
      } catch {
        name = undefined;
      }
    } else if (dirname(dir) !== dir) {
      name = this.packageOf(dir);
    }
    this.packageOfDir.set(dir, name);
    return name;
  }

  isKitFile(file: string): boolean {
    const name = this.packageOf(file);
    return name !== undefined && this.kitPackages.has(name);
  }

  isPackageFile(file: string, packageName: string): boolean {
    return this.packageOf(file) === packageName;
  }

  /** The kit's openapi-typescript output (`generated/openapi.ts`, or `.d.ts` once built). */
  isGeneratedTypes(file: string): boolean {
    return /^openapi\.(d\.)?ts$/.test(basename(file)) && basename(dirname(file)) === "generated" && this.isKitFile(file);
  }

  /** The declaration of `symbol` in the kit's generated types, when it is a property declared there. */
  generatedProperty(symbol: TS.Symbol | undefined): TS.PropertySignature | undefined {
    for (const d of symbol?.declarations ?? []) {
      if (this.ts.isPropertySignature(d) && this.isGeneratedTypes(d.getSourceFile().fileName)) return d;
    }
    return undefined;
  }

  /** `parameters.query` (or path, header, cookie) itself: the group of parameters a property of it goes to. */
  parameterGroup(property: TS.PropertySignature): RequestPlace | undefined {
    const ts = this.ts;
    const owner = property.parent?.parent;
    if (!ts.isIdentifier(property.name) || !PARAMETER_PLACES.includes(property.name.text as RequestPlace)) return undefined;
    return owner && ts.isPropertySignature(owner) && ts.isIdentifier(owner.name) && owner.name.text === "parameters" ? (property.name.text as RequestPlace) : undefined;
  }

  /** Where a generated request property goes: a parameter (`parameters.query.start`) or the body (a schema's property). */
  placeOf(property: TS.PropertySignature): RequestPlace {
    const ts = this.ts;
    let node: TS.Node = property.parent;
    while (node && !ts.isSourceFile(node)) {
      const group = ts.isPropertySignature(node) ? this.parameterGroup(node) : undefined;
      if (group) return group;
      node = node.parent;
    }
    return "body";
  }
}
