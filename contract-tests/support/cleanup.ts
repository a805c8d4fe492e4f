// Deletes every domain this file created (the response check registers each one as it is answered),
// after the file's tests, also when they failed. Only ids this suite created are ever deleted.
import { contractClient } from "./client.js";
import { observations } from "./observations.js";

export async function deleteCreatedDomains(): Promise<void> {
  const failures: string[] = [];
  for (const { id, accountId, apiKey } of [...observations.created.values()]) {
    const client = contractClient(apiKey, { check: false });
    try {
      const { response } = await client.DELETE("/api/v1/accounts/{accountId}/email-domains/{id}", { params: { path: { accountId, id } } });
      // 404: already gone (a test deleted it, or the server lost it: other tests report that).
      if (response.status !== 204 && response.status !== 404) failures.push(`${id}: DELETE answered ${response.status}`);
    } catch (error) {
      failures.push(`${id}: ${String(error)}`);
    }
    observations.created.delete(id);
  }
  if (failures.length > 0) throw new Error(`cleanup could not delete what the suite created:\n  ${failures.join("\n  ")}`);
}
