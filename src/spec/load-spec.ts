// Loads the bundled contract (dist/openapi.json, written by `npm run bundle`): the one input of the mock's
// routes, validators and examples.
import { readFileSync } from "node:fs";
import type { OpenAPIV3_1 } from "openapi-types";
import { bundledSpecJson } from "../project-paths.js";

export type OpenApiDocument = OpenAPIV3_1.Document;

export function loadBundledSpec(file: string = bundledSpecJson): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`The bundled spec ${file} is missing: run \`npm run bundle\` (npm start and npm test do it for you).`);
  }
  return JSON.parse(text) as OpenApiDocument;
}
