// In the browser: the MSW worker answers the API's paths from the mock, inside the page, no server needed.
// `npx msw init public/ --save` once puts mockServiceWorker.js where your dev server serves it.
import { setupWorker } from "msw/browser";
import { createEmailDomainsHandlers } from "@vortex/email-domains-contract-kit/msw";

export async function startMockApi() {
  // persist: the world lives in sessionStorage, so it is still there after you reload the page.
  const mock = createEmailDomainsHandlers({ persist: "sessionStorage" });
  const worker = setupWorker(...mock.handlers);
  await worker.start({ onUnhandledRequest: "bypass" }); // everything else goes to your dev server
  return mock; // mock.reset() goes back to the demo seed
}
