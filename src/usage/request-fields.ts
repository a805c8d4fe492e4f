// The request properties a call sends: the properties of its object-literal arguments whose contextual
// property is declared in the kit's generated types (a body schema's property, or a query/path/header
// parameter), nested object literals included. A body or query built where it cannot be followed (a variable
// from elsewhere, a spread) counts as sending every property there.
import type * as TS from "typescript";
import type { KitFiles } from "./kit-files.js";
import type { ProjectCode } from "./project-code.js";
import type { RequestPlace, SentField } from "./usage-manifest.js";

/** The wrappers of the typed client (`{ path, query, body }`) and of openapi-fetch (`{ params: { path, query }, body }`). */
const WRAPPERS: Record<string, RequestPlace | "params"> = { body: "body", query: "query", path: "path", header: "header", params: "params" };

export function requestFields(code: ProjectCode, kit: KitFiles, call: TS.CallExpression): SentField[] {
  const ts = code.ts;
  const sent: SentField[] = [];

  const every = (node: TS.Node, place: RequestPlace, field: string, how: string) => {
    if (place !== "path") sent.push({ in: place, field, every: true, how, ...code.where(node) });
  };

  /** An argument or property value: an object literal is read property by property; anything else, as a whole. */
  const value = (expr: TS.Expression, place: RequestPlace | undefined, prefix: string[]): void => {
    let node: TS.Expression = expr;
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    if (ts.isIdentifier(node)) {
      // A const holding an object literal in the same project is read as that literal (`{ body }` too).
      const shorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
      const symbol = shorthand ? code.resolved(code.checker.getShorthandAssignmentValueSymbol(node.parent)) : code.symbolAt(node);
      const declaration = symbol?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isObjectLiteralExpression(declaration.initializer) && code.isProjectNode(declaration)) {
        node = declaration.initializer;
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      literal(node, place, prefix);
      return;
    }
    const inferred = place ?? placeOfType(node);
    if (inferred && isObjectType(node)) every(expr, inferred, prefix.join("."), `built in \`${expr.getText()}\``);
  };

  /** Where a value of this type goes, from the declarations of its properties (a body type, a query type). */
  const placeOfType = (node: TS.Expression): RequestPlace | undefined => {
    const type = code.contextualType(node) ?? code.checker.getTypeAtLocation(node);
    for (const property of code.checker.getNonNullableType(type).getProperties()) {
      const declared = kit.generatedProperty(property);
      if (declared) return kit.placeOf(declared);
    }
    return undefined;
  };

  const isObjectType = (node: TS.Expression): boolean => {
    const type = code.checker.getNonNullableType(code.checker.getTypeAtLocation(node));
    return (type.flags & ts.TypeFlags.Object) !== 0 || type.isUnion() || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  };

  const literal = (object: TS.ObjectLiteralExpression, place: RequestPlace | undefined, prefix: string[]): void => {
    // The declared type, not the one inferred from the literal (openapi-fetch infers `Init` from the argument).
    const contextual = code.contextualType(object);
    for (const property of object.properties) {
      if (ts.isSpreadAssignment(property)) {
        const target = place ?? placeOfType(property.expression);
        if (target) every(property, target, prefix.join("."), `spread of \`${property.expression.getText()}\``);
        continue;
      }
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) continue;
      const name = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : undefined;
      if (name === undefined) continue;
      const symbol = contextual ? code.checker.getPropertyOfType(code.checker.getNonNullableType(contextual), name) : undefined;
      const declared = kit.generatedProperty(symbol);
      const initializer = ts.isPropertyAssignment(property) ? property.initializer : property.name;
      const group = declared && kit.parameterGroup(declared);
      if (group) {
        if (group !== "path") value(initializer, group, []);
      } else if (declared) {
        const where = kit.placeOf(declared);
        if (where === "body") {
          const field = [...prefix, name];
          sent.push({ in: "body", field: field.join("."), ...code.where(property) });
          if (ts.isObjectLiteralExpression(initializer)) literal(initializer, "body", field);
        } else if (where !== "path") {
          sent.push({ in: where, field: name, ...code.where(property) });
        }
      } else if (place !== undefined && place !== "path") {
        // Inside a known place whose type the checker did not tie to the kit's declarations: the name is the property.
        sent.push({ in: place, field: [...prefix, name].join("."), ...code.where(property) });
      } else if (place === undefined && WRAPPERS[name]) {
        const wrapper = WRAPPERS[name];
        value(initializer, wrapper === "params" ? undefined : wrapper, []);
      }
    }
  };

  for (const argument of call.arguments) value(argument, undefined, []);
  return sent;
}
