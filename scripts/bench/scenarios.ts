// The three load scenarios every throughput table uses: GET one, the first list page, and create with a
// unique name per request (so every answer is a 201; creates go to account B, so A's page stays the same).
import { COLLECTION_PATH, CREATE_API_KEY, CREATE_PATH, ITEM_PATH } from "./bench-config.js";
import type { Scenario } from "./load-test.js";

export function standardScenarios(): Scenario[] {
  const runId = Date.now().toString(36);
  let counter = 0;
  return [
    { name: "GET one", method: "GET", path: ITEM_PATH, expectStatus: 200 },
    { name: "list first page", method: "GET", path: COLLECTION_PATH, expectStatus: 200 },
    {
      name: "create",
      method: "POST",
      path: CREATE_PATH,
      apiKey: CREATE_API_KEY,
      expectStatus: 201,
      body: () => JSON.stringify({ domain: `n${++counter}.r${runId}.bench.example.com`, description: "Bench" }),
    },
  ];
}
