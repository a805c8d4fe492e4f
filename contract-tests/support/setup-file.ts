// Runs in every contract test file: afterwards, delete what the file created and hand over what it saw.
import { afterAll } from "vitest";
import { deleteCreatedDomains } from "./cleanup.js";
import { interceptWithMsw } from "./host-target.js";
import { flushObservations } from "./observations.js";

await interceptWithMsw();

afterAll(async () => {
  try {
    await deleteCreatedDomains();
  } finally {
    flushObservations();
  }
});
