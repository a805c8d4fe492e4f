// The mock's own endpoints under /__mock (described in openapi/mock-control/openapi.yaml): reset, load a
// seed, list accounts and keys, and set a domain's verification state. Bodies are validated against that
// document (and the seed schema) before anything changes.
import { Router } from "express";
import { checkSeed, SeedError } from "../seed/load-seed.js";
import type { OpenApiDocument } from "../spec/load-spec.js";
import { createSchemaValidators, describeErrors, type SchemaValidators } from "../spec/schema-validator.js";
import type { EmailDomainStore, Seed, VerificationPatch } from "../store/types.js";
import type { ValidateFunction } from "ajv";
import { HttpError } from "./errors.js";
import { createJsonBodyReader } from "./read-json-body.js";

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
  // Built on the first call that needs them: the control endpoints are seldom used, and this fourth Ajv
  // instance (with its meta-schema) would otherwise add ~45 ms to every start of the mock.
  let validators: { validatePatch: ValidateFunction; uuid: ValidateFunction } | undefined;
  const controlValidators = () => {
    if (!validators) {
      const control = createSchemaValidators(controlSpec);
      validators = { validatePatch: control.byPointer("#/components/schemas/VerificationPatch"), uuid: control.compile({ type: "string", format: "uuid" }) };
    }
    return validators;
  };
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

  router.patch("/accounts/:accountId/email-domains/:id/verification", async (req, res) => {
    const { accountId, id } = req.params;
    const { validatePatch, uuid } = controlValidators();
    if (!uuid(accountId) || !uuid(id)) throw new HttpError(400, "accountId and id must be UUIDs");
    const body = await readJsonBody(req, res);
    if (!validatePatch(body)) throw new HttpError(400, describeErrors("body", validatePatch.errors));
    const domain = await store.setVerification(accountId, id, body as VerificationPatch);
    if (!domain) throw new HttpError(404, `Email domain ${id} not found in account ${accountId}`);
    res.json(domain);
  });

  return router;
}

