// Settings › Email domains: the list, one row per domain, with paging through openapi-fetch.
import { domains, http } from "../api.js";
import { statusBadge } from "./status-badge.js";

export async function renderDomainList(accountId: string): Promise<string> {
  const page = await domains.list(accountId);
  const rows = page.map((d) => `<tr><td>${d.domain}</td><td>${statusBadge(d)}</td></tr>`);
  const defaultDomain = page.find((d) => d.isDefault);
  return `<table>${rows.join("")}</table><p>Sending from ${defaultDomain?.domain ?? "no domain yet"}</p>`;
}

export async function nextPage(accountId: string, start: number): Promise<string[]> {
  const { data, error } = await http.GET("/api/v1/accounts/{accountId}/email-domains", {
    params: { path: { accountId }, query: { start } },
  });
  if (error) return [`could not load: ${error.message.join(", ")}`];
  return data.map(({ domain, createdAt }) => `${domain} (added ${createdAt})`);
}
