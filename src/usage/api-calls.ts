// Which calls of the consumer's code are calls of the API, found with the checker: a method of the kit's typed
// client (a short name, whose declaration carries `@operationId`, or an operationId method, whose declaration is
// the generated `operations` entry), or openapi-fetch's GET/POST/... on a client typed with the kit's `paths`,
// with a literal path. The operation is then looked up in the kit's own table of routes.
import type * as TS from "typescript";
import { OPERATION_ROUTES } from "../generated/spec-values.js";
import type { KitFiles } from "./kit-files.js";
import type { ProjectCode } from "./project-code.js";

export interface ApiCall {
  node: TS.CallExpression;
  operationId: string;
  method: string;
  path: string;
  via: "typed-client" | "openapi-fetch";
}

type OperationId = keyof typeof OPERATION_ROUTES;
const isOperationId = (name: string): name is OperationId => Object.hasOwn(OPERATION_ROUTES, name);

export const OPENAPI_FETCH = "openapi-fetch";

export class ApiCallFinder {
  constructor(
    private readonly code: ProjectCode,
    private readonly kit: KitFiles,
  ) {}

  private get ts(): typeof TS {
    return this.code.ts;
  }

  /** Every API call in the project's files, in source order. */
  find(): ApiCall[] {
    const ts = this.ts;
    const calls: ApiCall[] = [];
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node)) {
        const call = this.recognise(node);
        if (call) calls.push(call);
      }
      ts.forEachChild(node, visit);
    };
    for (const sf of this.code.files) visit(sf);
    return calls;
  }

  private recognise(node: TS.CallExpression): ApiCall | undefined {
    const ts = this.ts;
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    const symbol = this.code.symbolAt(callee.name);
    const mapped = this.mappedClientMethod(node, callee.name.text);
    if (mapped) return { node, operationId: mapped, ...OPERATION_ROUTES[mapped], via: "typed-client" };
    for (const declaration of symbol?.declarations ?? []) {
      const file = declaration.getSourceFile().fileName;
      if (this.kit.isKitFile(file)) {
        const operationId = this.clientOperation(declaration);
        if (operationId) return { node, operationId, ...OPERATION_ROUTES[operationId], via: "typed-client" };
      } else if (this.kit.isPackageFile(file, OPENAPI_FETCH)) {
        return this.openapiFetchCall(node, callee);
      }
    }
    return undefined;
  }

  /** The operation of a typed-client method: its `@operationId` tag, or the generated `operations` entry it maps. */
  private clientOperation(declaration: TS.Declaration): OperationId | undefined {
    const ts = this.ts;
    const tag = ts.getJSDocTags(declaration).find((t) => t.tagName.text === "operationId");
    const tagged = typeof tag?.comment === "string" ? tag.comment.trim() : undefined;
    if (tagged && isOperationId(tagged)) return tagged;
    if (ts.isPropertySignature(declaration) && this.kit.isGeneratedTypes(declaration.getSourceFile().fileName) && ts.isIdentifier(declaration.name)) {
      const owner = declaration.parent.parent;
      if (owner && ts.isInterfaceDeclaration(owner) && owner.name.text === "operations" && isOperationId(declaration.name.text)) return declaration.name.text;
    }
    return undefined;
  }

  /**
   * An operationId method (`client.getEmailDomain({ path })`): a property of the kit's mapped type over the
   * generated `operations`, which has no declaration of its own; its signature is declared in that mapped type.
   */
  private mappedClientMethod(node: TS.CallExpression, name: string): OperationId | undefined {
    const ts = this.ts;
    const declaration = this.code.checker.getResolvedSignature(node)?.declaration;
    if (!declaration || !this.kit.isKitFile(declaration.getSourceFile().fileName)) return undefined;
    return ts.findAncestor(declaration, ts.isMappedTypeNode) && isOperationId(name) ? name : undefined;
  }

  /** `client.GET("/literal/path", ...)` where `client` is openapi-fetch's Client over the kit's `paths`. */
  private openapiFetchCall(node: TS.CallExpression, callee: TS.PropertyAccessExpression): ApiCall | undefined {
    const ts = this.ts;
    const [url] = node.arguments;
    if (!url || !ts.isStringLiteralLike(url)) return undefined;
    const receiver = this.code.checker.getTypeAtLocation(callee.expression);
    const [paths] = this.code.checker.getTypeArguments(receiver as TS.TypeReference) ?? [];
    const pathsDeclared = paths?.symbol?.declarations?.some((d) => this.kit.isGeneratedTypes(d.getSourceFile().fileName));
    if (!pathsDeclared) return undefined;
    const method = callee.name.text.toLowerCase();
    const found = (Object.keys(OPERATION_ROUTES) as OperationId[]).find((id) => OPERATION_ROUTES[id].method === method && OPERATION_ROUTES[id].path === url.text);
    return found ? { node, operationId: found, method, path: url.text, via: "openapi-fetch" } : undefined;
  }
}
