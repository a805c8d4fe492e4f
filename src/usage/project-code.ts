// The consumer's program as the analysis sees it: which files are the project's own (not declarations, not
// node_modules), where a node is (file relative to the project root, 1-based line), and every identifier that
// refers to a symbol (imports followed to what they import), indexed once.
import { relative, sep } from "node:path";
import type * as TS from "typescript";
import type { SourceLocation } from "./usage-manifest.js";

export class ProjectCode {
  readonly files: TS.SourceFile[];
  private index: Map<TS.Symbol, TS.Identifier[]> | undefined;

  constructor(
    readonly ts: typeof TS,
    readonly program: TS.Program,
    readonly checker: TS.TypeChecker,
    readonly root: string,
    /** Files that are not the project's though they are sources (the kit's own, when a project maps it to them). */
    private readonly foreign: (fileName: string) => boolean = () => false,
  ) {
    this.files = program.getSourceFiles().filter((sf) => this.isProjectFile(sf));
  }

  isProjectFile(sf: TS.SourceFile): boolean {
    if (sf.isDeclarationFile || this.program.isSourceFileFromExternalLibrary(sf)) return false;
    return !sf.fileName.split(/[\\/]/).includes("node_modules") && !this.foreign(sf.fileName);
  }

  /** Declared in the project's own code (so a call into it can be followed). */
  isProjectNode(node: TS.Node): boolean {
    return this.isProjectFile(node.getSourceFile());
  }

  where(node: TS.Node): SourceLocation {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { file: relative(this.root, sf.fileName).split(sep).join("/"), line: line + 1 };
  }

  /** The symbol itself, not an import alias of it. */
  resolved(symbol: TS.Symbol | undefined): TS.Symbol | undefined {
    if (symbol && symbol.flags & this.ts.SymbolFlags.Alias) return this.checker.getAliasedSymbol(symbol);
    return symbol;
  }

  symbolAt(node: TS.Node): TS.Symbol | undefined {
    return this.resolved(this.checker.getSymbolAtLocation(node));
  }

  /**
   * The type the code around `node` expects, as completions see it: for an argument of a generic call this is the
   * declared parameter type, not the one inferred from the literal itself (openapi-fetch infers `Init` from it).
   * TypeScript's `ContextFlags` is not in its public typings, so it is read off the module, where 5.x has it.
   */
  contextualType(node: TS.Expression): TS.Type | undefined {
    const flags = (this.ts as unknown as { ContextFlags?: { Completions?: number } }).ContextFlags?.Completions;
    const get = this.checker.getContextualType as (node: TS.Expression, flags?: number) => TS.Type | undefined;
    return get.call(this.checker, node, flags);
  }

  /** Every identifier of the project's files that refers to `symbol` (a shorthand `{ x }` counts as a use of x), except `except`. */
  references(symbol: TS.Symbol, except?: TS.Node): TS.Identifier[] {
    return (this.referenceIndex().get(symbol) ?? []).filter((id) => id !== except);
  }

  private referenceIndex(): Map<TS.Symbol, TS.Identifier[]> {
    if (this.index) return this.index;
    const ts = this.ts;
    const index = new Map<TS.Symbol, TS.Identifier[]>();
    const add = (symbol: TS.Symbol | undefined, id: TS.Identifier) => {
      if (!symbol) return;
      const list = index.get(symbol);
      if (list) list.push(id);
      else index.set(symbol, [id]);
    };
    const visit = (node: TS.Node): void => {
      if (ts.isIdentifier(node)) {
        const parent = node.parent;
        if (parent && ts.isShorthandPropertyAssignment(parent) && parent.name === node) {
          add(this.resolved(this.checker.getShorthandAssignmentValueSymbol(parent)), node);
        } else {
          add(this.symbolAt(node), node);
        }
      }
      ts.forEachChild(node, visit);
    };
    for (const sf of this.files) visit(sf);
    this.index = index;
    return index;
  }
}
