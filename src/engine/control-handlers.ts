// The mock's own endpoints under /__mock (described in openapi/mock-control/openapi.yaml): readiness, list
// accounts and keys, reset, load a seed, set a domain's verification state, and simulate a store outage. Keyed by the control spec's
// operationIds (a control operation without a handler does not compile). Bodies arrive validated against
// that document; a seed is also checked against the seed schema before anything changes.
import type { operations } from "../generated/mock-control.js";
import { checkSeed, SeedError } from "../seed/check-seed.js";
import type { SchemaValidators } from "../spec/validator-types.js";
import type { EmailDomainStore, Seed, VerificationPatch } from "../storage/types.js";
import { httpError } from "./error-catalogue.js";

export type ControlOperationId = keyof operations;

export interface ControlInput {
  path: Record<string, unknown>;
  body: unknown;
}

export type ControlHandlerTable = { [K in ControlOperationId]: (input: ControlInput) => Promise<{ status: number; body: unknown }> };

export interface ControlDeps {
  store: EmailDomainStore;
  /** The seed the mock started with, restored by /__mock/reset. */
  initialSeed: Seed;
  seedSchema: object;
  /** Validators of the API spec, which the seed schema refers to. */
  specValidators: SchemaValidators;
  /** The simulated outage of PUT /__mock/faults. */
  setStoreUnavailable(on: boolean): void;
}

export function createControlHandlers({ store, initialSeed, seedSchema, specValidators, setStoreUnavailable }: ControlDeps): ControlHandlerTable {
  const validateSeed = specValidators.compile(seedSchema);
  return {
    async getMockHealth() {
      if (!(await store.ping())) throw httpError("storeUnavailable");
      return { status: 200, body: { status: "ok" } };
    },
    async setMockFaults({ body }) {
      setStoreUnavailable((body as { storeUnavailable: boolean }).storeUnavailable);
      return { status: 204, body: undefined };
    },
    async listMockAccounts() {
      return { status: 200, body: await store.accounts() };
    },
    async resetMock() {
      await store.reset(initialSeed);
      return { status: 204, body: undefined };
    },
    async loadMockSeed({ body }) {
      try {
        await store.reset(checkSeed(body, validateSeed, "request body"));
      } catch (error) {
        if (error instanceof SeedError) throw httpError("invalidSeed", error.problems);
        throw error;
      }
      return { status: 204, body: undefined };
    },
    async setMockVerificationState({ path, body }) {
      const { accountId, id } = path as { accountId: string; id: string };
      const domain = await store.setVerification(accountId, id, body as VerificationPatch);
      if (!domain) throw httpError("controlDomainNotFound", id, accountId);
      return { status: 200, body: domain };
    },
  };
}
