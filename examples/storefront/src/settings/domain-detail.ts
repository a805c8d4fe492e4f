// Settings › a domain's DNS records, through openapi-fetch: a missing domain is a page of its own.
import { http } from "../api.js";

export async function renderDomainDetail(accountId: string, id: string): Promise<string> {
  const result = await http.GET("/api/v1/accounts/{accountId}/email-domains/{id}", { params: { path: { accountId, id } } });
  if (result.response.status === 404) return "<p>This domain was deleted.</p>";
  const domain = result.data;
  if (!domain) return "<p>Could not load the domain.</p>";
  const records = Object.entries(domain.dkimTokens ?? {}).map(([name, value]) => `<li>${name} CNAME ${value}</li>`);
  return `<h1>${domain.domain}</h1><p>TXT ${domain.verificationToken}</p><ul>${records.join("")}</ul>`;
}
