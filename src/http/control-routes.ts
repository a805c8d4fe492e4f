// The mock's own endpoints under /__mock (described in openapi/mock-control/openapi.yaml): reset, load a
// seed, list accounts and keys, and set a domain's verification state. Bodies are validated against that
// document (and the seed schema) before anything changes.
import { Router } from "express";
import { checkSeed, SeedError } from "../seed/load-seed.js";
import type { OpenApiDocument } from "../spec/load-spec.js";
import { listOperations } from "../spec/operations.js";
import { createSchemaValidators, type SchemaValidators } from "../spec/schema-validator.js";
import type { EmailDomainStore, Seed, VerificationPatch } from "../store/types.js";
import { HttpError } from "./errors.js";
import { toExpressPath } from "./operation-routes.js";
import { createJsonBodyReader } from "./read-json-body.js";
import { createRequestValidator, type RequestValidator } from "./request-validator.js";

/** Seeds may hold many domains: far above the API's own body limit. */
const CONTROL_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export interface ControlDeps {
  store: EmailDomainStore;
  /** The seed the mock started with, restored by /__mock/reset. */
  initialSeed: Seed;
  controlSpec: OpenApiDocument;
  specValidators: SchemaValidators;
}

export function controlRoutes({ store, initialSeed, controlSpec, specValidators }: ControlDeps): Router {
  const router = Router();
  const setVerification = listOperations(controlSpec).find((op) => (op.operationId as string) === "setMockVerificationState");
  if (!setVerification) throw new Error("the control spec has no setMockVerificationState operation");
  // Its validators (two more Ajv instances) are built on first use: the endpoint is seldom called, and
  // building them would add to every start of the mock.
  let verificationValidator: RequestValidator | undefined;
  const validateVerification = () =>
    (verificationValidator ??= createRequestValidator(setVerification, createSchemaValidators(controlSpec, { coerce: true }), createSchemaValidators(controlSpec)));
  const readJsonBody = createJsonBodyReader(CONTROL_BODY_LIMIT_BYTES);

  router.get("/accounts", async (_req, res) => {
    res.json(await store.accounts());
  });

  router.post("/reset", async (_req, res) => {
    await store.reset(initialSeed);
    res.status(204).end();
  });

  router.put("/seed", async (req, res) => {
    const body = await readJsonBody(req, res);
    try {
      await store.reset(checkSeed(body, specValidators, "request body"));
    } catch (error) {
      if (error instanceof SeedError) throw new HttpError(400, error.problems);
      throw error;
    }
    res.status(204).end();
  });

  // The path as the control spec writes it, relative to where this router is mounted (/__mock).
  router.patch(toExpressPath(setVerification.path).replace(/^\/__mock/, ""), async (req, res) => {
    const validator = validateVerification();
    const { accountId, id } = validator.parameters(req.params as Record<string, string>, {}).path as { accountId: string; id: string };
    const body = await readJsonBody(req, res);
    validator.body(body);
    const domain = await store.setVerification(accountId, id, body as VerificationPatch);
    if (!domain) throw new HttpError(404, `Email domain ${id} not found in account ${accountId}`);
    res.json(domain);
  });

  return router;
}

