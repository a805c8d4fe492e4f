// Follows what an API call gives back through the consumer's code, and records on the call what is used:
// the response properties read (property access, destructuring, optional chaining, array methods, local
// variables, arguments of the project's own functions, their return values), and the statuses told apart.
// A value that escapes where it cannot be followed (spread, serialised, stored, passed to code outside the
// project) is recorded as reading every property from there: never nothing.
import type * as TS from "typescript";
import type { KitFiles } from "./kit-files.js";
import type { ProjectCode } from "./project-code.js";
import type { CallUsage } from "./usage-manifest.js";

/** What a followed value is. */
export type Flow =
  /** (a part of) a response body; `path` from the body down, array items transparent */
  | { kind: "body"; of: "data" | "error"; path: string[] }
  /** openapi-fetch's `{ data, error, response }` */
  | { kind: "fetch-result" }
  /** a fetch Response */
  | { kind: "response" }
  /** the HTTP status, a number */
  | { kind: "status" }
  /** what the typed client rejects with: EmailDomainsApiError */
  | { kind: "api-error" }
  /** a component's props, whose property `name` holds a followed value */
  | { kind: "props"; name: string; inner: Flow }
  /** what `Promise.all([...])` resolves to, whose item `index` is a followed value */
  | { kind: "tuple"; index: number; inner: Flow };

/** How deep calls and returns are followed ("within reason"); past it, an object counts as read whole. */
const MAX_DEPTH = 8;

/** Array methods whose callback gets the items, and which of them give back items of the same array. */
const ITEM_CALLBACKS: Record<string, number[]> = {
  forEach: [0],
  map: [0],
  flatMap: [0],
  filter: [0],
  find: [0],
  findLast: [0],
  findIndex: [0],
  findLastIndex: [0],
  some: [0],
  every: [0],
  sort: [0, 1],
  toSorted: [0, 1],
  reduce: [1],
  reduceRight: [1],
};
const SAME_ITEMS = new Set(["filter", "find", "findLast", "sort", "toSorted", "slice", "reverse", "toReversed", "at", "concat", "pop", "shift"]);
/** Calls on a value that read nothing of it but give nothing either (`includes` compares, `length` counts). */
const HARMLESS = new Set(["includes", "indexOf", "lastIndexOf", "length", "toString", "valueOf", "join", "keys", "entries", "values"]);

/** The typed client's error: the status and the parsed error body (src/client/email-domains-api-error.ts). */
const API_ERROR_STATUS = "statusCode";
const API_ERROR_BODY = "body";

export class ValueFollower {
  private readonly seen = new Set<string>();

  constructor(
    private readonly code: ProjectCode,
    private readonly kit: KitFiles,
    private readonly usage: CallUsage,
    private readonly openapiFetch: string,
  ) {}

  private get ts(): typeof TS {
    return this.code.ts;
  }

  private get checker(): TS.TypeChecker {
    return this.code.checker;
  }

  /** Follows the value `node` evaluates to. */
  follow(node: TS.Node, flow: Flow, depth = 0): void {
    const key = `${node.getSourceFile().fileName}:${node.pos}:${node.end}:${node.kind}:${JSON.stringify(flow)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (depth > MAX_DEPTH) {
      this.escape(node, flow, "followed too deep");
      return;
    }
    const ts = this.ts;
    const parent = node.parent;
    if (!parent) return;
    if (
      (ts.isParenthesizedExpression(parent) ||
        ts.isAsExpression(parent) ||
        ts.isNonNullExpression(parent) ||
        ts.isSatisfiesExpression(parent) ||
        ts.isTypeAssertionExpression(parent) ||
        ts.isAwaitExpression(parent)) &&
      parent.expression === node
    ) {
      this.follow(parent, flow, depth);
    } else if (ts.isConditionalExpression(parent) && parent.condition !== node) {
      this.follow(parent, flow, depth);
    } else if (ts.isBinaryExpression(parent)) {
      this.binary(parent, node, flow, depth);
    } else if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === node) {
      this.member(parent, flow, depth);
    } else if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.arguments?.includes(node as TS.Expression)) {
      this.argument(parent, parent.arguments.indexOf(node as TS.Expression), node, flow, depth);
    } else if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      this.bind(parent.name, flow, depth);
    } else if (ts.isSpreadAssignment(parent) || ts.isJsxSpreadAttribute(parent)) {
      this.escape(node, flow, "spread");
    } else if (ts.isSpreadElement(parent)) {
      if (ts.isArrayLiteralExpression(parent.parent)) this.follow(parent.parent, flow, depth);
      else this.escape(node, flow, "spread into a call");
    } else if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) {
      this.escape(node, flow, "put in an object");
    } else if (ts.isArrayLiteralExpression(parent) && this.isPromiseAll(parent)) {
      this.follow(parent.parent, { kind: "tuple", index: parent.elements.indexOf(node as TS.Expression), inner: flow }, depth);
    } else if (ts.isArrayLiteralExpression(parent)) {
      this.escape(node, flow, "put in an array");
    } else if (ts.isReturnStatement(parent)) {
      const fn = ts.findAncestor(parent, ts.isFunctionLike);
      if (fn) this.returned(fn, node, flow, depth);
    } else if (ts.isArrowFunction(parent) && parent.body === node) {
      this.returned(parent, node, flow, depth);
    } else if (ts.isForOfStatement(parent) && parent.expression === node) {
      const init = parent.initializer;
      if (ts.isVariableDeclarationList(init)) for (const d of init.declarations) this.bind(d.name, flow, depth);
    } else if (ts.isForInStatement(parent) && parent.expression === node) {
      this.escape(node, flow, "its keys enumerated");
    } else if (ts.isSwitchStatement(parent) && parent.expression === node) {
      if (this.isStatusLike(flow)) for (const clause of parent.caseBlock.clauses) if (ts.isCaseClause(clause)) this.status(clause.expression);
    } else if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) {
      this.jsxAttribute(parent.parent, node, flow, depth);
    } else if (ts.isTemplateSpan(parent) || ts.isJsxExpression(parent)) {
      this.escape(node, flow, "rendered as text");
    }
  }

  /** `[...]` as the argument of `Promise.all` (the lib's, not a function of the project of that name). */
  private isPromiseAll(list: TS.ArrayLiteralExpression): boolean {
    const call = list.parent;
    if (!this.ts.isCallExpression(call) || call.arguments[0] !== list) return false;
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    return !!declaration && !this.code.isProjectNode(declaration) && call.expression.getText() === "Promise.all";
  }

  private isStatusLike(flow: Flow): boolean {
    return flow.kind === "status" || (flow.kind === "body" && flow.of === "error");
  }

  private binary(parent: TS.BinaryExpression, node: TS.Node, flow: Flow, depth: number): void {
    const ts = this.ts;
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      this.follow(parent, flow, depth);
    } else if (op === ts.SyntaxKind.EqualsToken && parent.right === node) {
      const target = parent.left;
      const symbol = ts.isIdentifier(target) ? this.code.symbolAt(target) : undefined;
      const declaration = symbol?.valueDeclaration;
      if (declaration && this.code.isProjectNode(declaration) && ts.isVariableDeclaration(declaration)) {
        for (const ref of this.code.references(symbol!, target)) this.follow(ref, flow, depth);
      } else {
        this.escape(node, flow, `stored in \`${target.getText()}\``);
      }
    } else if (this.isEquality(op) && this.isStatusLike(flow)) {
      this.status(parent.left === node ? parent.right : parent.left);
    }
  }

  private isEquality(op: TS.SyntaxKind): boolean {
    const k = this.ts.SyntaxKind;
    return op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken || op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
  }

  /** Records a status when `expr` is a number the code compares with (a literal or a const holding one). */
  private status(expr: TS.Expression): void {
    const ts = this.ts;
    let value: TS.Node | undefined = expr;
    if (ts.isIdentifier(expr)) {
      const declaration = this.code.symbolAt(expr)?.valueDeclaration;
      value = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    }
    if (value && ts.isNumericLiteral(value)) {
      const status = Number(value.text);
      if (status >= 100 && status <= 599) this.usage.statuses.push({ status, ...this.code.where(expr) });
    }
  }

  private member(access: TS.PropertyAccessExpression | TS.ElementAccessExpression, flow: Flow, depth: number): void {
    const ts = this.ts;
    let name: string | undefined;
    let nameNode: TS.Node;
    if (ts.isPropertyAccessExpression(access)) {
      name = access.name.text;
      nameNode = access.name;
    } else {
      nameNode = access.argumentExpression;
      if (ts.isStringLiteralLike(access.argumentExpression)) name = access.argumentExpression.text;
    }
    const isCallee = ts.isCallExpression(access.parent) && access.parent.expression === access;
    if (name === "then" || name === "catch" || name === "finally") {
      if (name === "finally" && isCallee) this.follow(access.parent, flow, depth);
      if (isCallee && name !== "finally") this.promiseCallbacks(access.parent as TS.CallExpression, name, flow, depth);
      return;
    }
    switch (flow.kind) {
      case "fetch-result": {
        const symbol = this.code.symbolAt(nameNode);
        const fromFetch = symbol?.declarations?.some((d) => this.kit.isPackageFile(d.getSourceFile().fileName, this.openapiFetch));
        if (!fromFetch) return;
        if (name === "data") this.follow(access, { kind: "body", of: "data", path: [] }, depth);
        else if (name === "error") this.follow(access, { kind: "body", of: "error", path: [] }, depth);
        else if (name === "response") this.follow(access, { kind: "response" }, depth);
        return;
      }
      case "response":
        if (name === "status") this.follow(access, { kind: "status" }, depth);
        return;
      case "api-error": {
        // `err.statusCode` on the kit's error class, or on a caught value the code did not narrow (any / unknown).
        const symbol = this.code.symbolAt(nameNode);
        const ours = !symbol || symbol.declarations?.some((d) => this.kit.isKitFile(d.getSourceFile().fileName));
        if (!ours) return;
        if (name === API_ERROR_STATUS) this.follow(access, { kind: "status" }, depth);
        else if (name === API_ERROR_BODY) this.follow(access, { kind: "body", of: "error", path: [] }, depth);
        return;
      }
      case "status":
        return;
      case "props":
        if (name === flow.name) this.follow(access, flow.inner, depth);
        return;
      case "tuple":
        if (ts.isElementAccessExpression(access) && ts.isNumericLiteral(access.argumentExpression) && Number(access.argumentExpression.text) === flow.index) this.follow(access, flow.inner, depth);
        return;
      case "body":
        return this.bodyMember(access, name, nameNode, flow, isCallee, depth);
    }
  }

  private bodyMember(
    access: TS.PropertyAccessExpression | TS.ElementAccessExpression,
    name: string | undefined,
    nameNode: TS.Node,
    flow: Extract<Flow, { kind: "body" }>,
    isCallee: boolean,
    depth: number,
  ): void {
    const ts = this.ts;
    const property = this.kit.generatedProperty(this.code.symbolAt(nameNode));
    if (property && name !== undefined) {
      const path = [...flow.path, name];
      this.usage.reads.push({ of: flow.of, field: path.join("."), ...this.code.where(access) });
      this.follow(access, { ...flow, path }, depth);
      return;
    }
    if (ts.isElementAccessExpression(access)) {
      // list[0], list[i]: an item of the array; obj[key] with a computed key reads any property.
      if (this.isArray(access.expression)) this.follow(access, flow, depth);
      else if (!ts.isStringLiteralLike(access.argumentExpression) && this.isObject(access.expression)) this.escape(access.expression, flow, "indexed by a computed key");
      return;
    }
    if (name === undefined || !this.isArray(access.expression)) return;
    if (isCallee) {
      const call = access.parent as TS.CallExpression;
      for (const index of ITEM_CALLBACKS[name] ?? []) {
        const callback = call.arguments[0];
        if (callback) this.callbackParameter(callback, index, flow, depth);
      }
      if (SAME_ITEMS.has(name)) this.follow(call, flow, depth);
      else if (!ITEM_CALLBACKS[name] && !HARMLESS.has(name)) this.escape(access.expression, flow, `passed to .${name}()`);
    }
  }

  /** `.then(onFulfilled, onRejected)` and `.catch(onRejected)` on the promise of a call. */
  private promiseCallbacks(call: TS.CallExpression, name: string, flow: Flow, depth: number): void {
    const [first, second] = call.arguments;
    // `.catch()` resolves to the value when there was no error (and `.then()` to what its callback returns).
    if (name === "catch") this.follow(call, flow, depth);
    if (name === "then" && first) this.callbackParameter(first, 0, flow, depth);
    const onRejected = name === "catch" ? first : second;
    if (onRejected && flow.kind === "body" && flow.of === "data" && this.usage.via === "typed-client") this.callbackParameter(onRejected, 0, { kind: "api-error" }, depth);
  }

  /** The `index`-th parameter of a callback (an inline function, or one of the project's functions named). */
  private callbackParameter(callback: TS.Expression, index: number, flow: Flow, depth: number): void {
    const fn = this.functionOf(callback);
    if (!fn) {
      this.escape(callback, flow, `passed to \`${callback.getText()}\``);
      return;
    }
    const parameter = fn.parameters[index];
    if (parameter) this.bind(parameter.name, flow, depth + 1);
  }

  private functionOf(expr: TS.Expression): TS.SignatureDeclaration | undefined {
    const ts = this.ts;
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return expr;
    const declaration = this.code.symbolAt(expr)?.valueDeclaration;
    if (!declaration || !this.code.isProjectNode(declaration)) return undefined;
    if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration;
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))) {
      return declaration.initializer;
    }
    return undefined;
  }

  /** A value passed as an argument: into a function of the project (its parameter is followed), or out of it. */
  private argument(call: TS.CallExpression | TS.NewExpression, index: number, node: TS.Node, flow: Flow, depth: number): void {
    const ts = this.ts;
    // [404, 409].includes(status)
    if (this.isStatusLike(flow) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === "includes") {
      const list = call.expression.expression;
      if (ts.isArrayLiteralExpression(list)) for (const e of list.elements) this.status(e);
      return;
    }
    const declaration = this.checker.getResolvedSignature(call)?.declaration;
    if (declaration && !ts.isJSDocSignature(declaration) && this.code.isProjectNode(declaration) && "body" in declaration && declaration.body) {
      const parameters = declaration.parameters;
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (!parameter) return;
      if (parameter.dotDotDotToken) this.escape(node, flow, "gathered by a rest parameter");
      else this.bind(parameter.name, flow, depth + 1);
      return;
    }
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : "";
    if (flow.kind === "body" && this.isArray(ts.isPropertyAccessExpression(call.expression) ? call.expression.expression : call.expression) && HARMLESS.has(callee)) return;
    this.escape(node, flow, `passed to ${call.expression.getText()}`);
  }

  /**
   * `<Row domain={d} />`: into the component's props when it is a function of the project (`{ domain }` or
   * `props.domain`); given to an element or a component from elsewhere, it is rendered or handed on whole.
   */
  private jsxAttribute(attribute: TS.JsxAttribute, node: TS.Node, flow: Flow, depth: number): void {
    const ts = this.ts;
    const element = attribute.parent.parent;
    const name = ts.isIdentifier(attribute.name) ? attribute.name.text : undefined;
    const component = name === undefined ? undefined : this.functionOf(element.tagName as TS.Expression);
    const props = component?.parameters[0]?.name;
    // A field's value (a string, a number) has nothing more to read; its read is already recorded.
    if (flow.kind === "body" && !this.isObject(node)) return;
    if (!props || name === undefined) {
      this.escape(node, flow, `given to <${element.tagName.getText()}>`);
      return;
    }
    if (ts.isObjectBindingPattern(props)) {
      const bound = props.elements.find((e) => ((e.propertyName ?? e.name) as TS.Node).getText() === name);
      const rest = props.elements.find((e) => e.dotDotDotToken);
      if (bound && !bound.dotDotDotToken) this.bind(bound.name, flow, depth + 1);
      else if (rest) this.bind(rest.name, { kind: "props", name, inner: flow }, depth + 1);
      return;
    }
    if (ts.isIdentifier(props)) this.bind(props, { kind: "props", name, inner: flow }, depth + 1);
  }

  /** A name bound to the value: a variable, a parameter, or a destructuring pattern. */
  bind(name: TS.BindingName, flow: Flow, depth: number): void {
    const ts = this.ts;
    if (ts.isIdentifier(name)) {
      const symbol = this.code.symbolAt(name);
      if (symbol) for (const ref of this.code.references(symbol, name)) this.follow(ref, flow, depth);
      return;
    }
    if (ts.isArrayBindingPattern(name)) {
      if (flow.kind === "tuple") {
        const element = name.elements[flow.index];
        if (element && ts.isBindingElement(element)) {
          if (element.dotDotDotToken) this.escape(element, flow, "the rest of a destructuring");
          else this.bind(element.name, flow.inner, depth);
        }
        return;
      }
      for (const element of name.elements) if (ts.isBindingElement(element)) this.bind(element.name, flow, depth);
      return;
    }
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        this.escape(element, flow, "the rest of a destructuring");
        continue;
      }
      const key = element.propertyName ?? element.name;
      const property = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
      if (property === undefined) {
        this.escape(element, flow, "destructured by a computed key");
        continue;
      }
      const next = this.destructured(name, element, property, flow);
      if (next) this.bind(element.name, next, depth);
    }
  }

  /** What `{ property }` of a value of `flow` is, recording a read when it is a body property. */
  private destructured(pattern: TS.ObjectBindingPattern, element: TS.BindingElement, property: string, flow: Flow): Flow | undefined {
    switch (flow.kind) {
      case "fetch-result":
        return property === "data" ? { kind: "body", of: "data", path: [] } : property === "error" ? { kind: "body", of: "error", path: [] } : property === "response" ? { kind: "response" } : undefined;
      case "response":
        return property === "status" ? { kind: "status" } : undefined;
      case "api-error":
        return property === API_ERROR_STATUS ? { kind: "status" } : property === API_ERROR_BODY ? { kind: "body", of: "error", path: [] } : undefined;
      case "status":
        return undefined;
      case "props":
        return property === flow.name ? flow.inner : undefined;
      case "tuple":
        return undefined;
      case "body": {
        const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(pattern));
        if (!this.kit.generatedProperty(type.getProperty(property))) return undefined;
        const path = [...flow.path, property];
        this.usage.reads.push({ of: flow.of, field: path.join("."), ...this.code.where(element) });
        return { ...flow, path };
      }
    }
  }

  /** A value returned by a function of the project: followed at each of its call sites. */
  private returned(fn: TS.SignatureDeclaration, value: TS.Node, flow: Flow, depth: number): void {
    const ts = this.ts;
    const parent = fn.parent;
    // A callback's return: `.then(cb)` gives it on; anything else (`useQuery(() => client.list(a))`) takes it away.
    if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as unknown as TS.Expression)) {
      const callee = parent.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "then") this.follow(parent, flow, depth + 1);
      else this.escape(value, flow, `returned to ${callee.getText()}`);
      return;
    }
    let nameNode: TS.Node | undefined;
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) nameNode = fn.name;
    else if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) nameNode = parent.name;
    const symbol = nameNode ? this.code.symbolAt(nameNode) : undefined;
    const refs = symbol ? this.code.references(symbol, nameNode) : [];
    let called = 0;
    for (const ref of refs) {
      const callee = ts.isPropertyAccessExpression(ref.parent) && ref.parent.name === ref ? ref.parent : ref;
      if (ts.isCallExpression(callee.parent) && callee.parent.expression === callee) {
        called += 1;
        this.follow(callee.parent, flow, depth + 1);
      } else if (!ts.isExportSpecifier(ref.parent) && !ts.isImportSpecifier(ref.parent)) {
        // Handed on as a value (a callback of a library, a property of an object): its result goes where we cannot see.
        this.escape(value, flow, `returned by \`${ref.getText()}\`, handed on at ${this.code.where(ref).file}:${this.code.where(ref).line}`);
      }
    }
    // Nobody in the project calls it (an entry point, a function exported for other code): the result leaves.
    if (called === 0) this.escape(value, flow, `returned by ${nameNode ? `\`${nameNode.getText()}\`` : "a function"} that nothing in the project calls`);
  }

  /** Records that every property under the value counts as read (nothing to record for a plain number or string). */
  private escape(node: TS.Node, flow: Flow, how: string): void {
    if (flow.kind === "props" || flow.kind === "tuple") {
      if (flow.inner.kind === "body") this.usage.reads.push({ of: flow.inner.of, field: flow.inner.path.join("."), every: true, how, ...this.code.where(node) });
      return;
    }
    if (flow.kind === "fetch-result") {
      this.usage.reads.push({ of: "data", field: "", every: true, how, ...this.code.where(node) });
      return;
    }
    if (flow.kind !== "body" || !this.isObject(node)) return;
    this.usage.reads.push({ of: flow.of, field: flow.path.join("."), every: true, how, ...this.code.where(node) });
  }

  private isArray(node: TS.Node): boolean {
    const type = this.checker.getNonNullableType(this.checker.getTypeAtLocation(node));
    return this.checker.isArrayType(type) || this.checker.isTupleType(type);
  }

  /** True unless the value is only ever a primitive (its properties are then no fields of the API). */
  private isObject(node: TS.Node): boolean {
    const ts = this.ts;
    const at = this.checker.getTypeAtLocation(node);
    const type = this.checker.getAwaitedType(at) ?? at; // a promise of a string is no object of the API
    const parts = type.isUnion() ? type.types : [type];
    const primitive = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never;
    return parts.some((t) => !(t.flags & primitive));
  }
}
