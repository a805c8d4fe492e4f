// A consumer whose results escape where no analysis can follow them: spread into a component's props, and
// serialised. Each escape must count as reading every field there (test: src/usage/analyze-project.test.ts).
import { createEmailDomainsClient, type EmailDomain } from "@vortex/email-domains-contract-kit/client";

const client = createEmailDomainsClient({ baseUrl: "http://127.0.0.1:4010", apiKey: "demo-key-account-a" });

interface CardProps extends EmailDomain {
  highlighted: boolean;
}

/** A component: it gets every field of the domain as props, and may read any of them. */
function DomainCard(props: CardProps): string {
  return `<article data-highlighted="${props.highlighted}">${props.domain}</article>`;
}

export async function showDomain(accountId: string, id: string): Promise<string> {
  const domain = await client.get(accountId, id);
  return DomainCard({ ...domain, highlighted: domain.isDefault });
}

export async function cacheDomains(accountId: string): Promise<void> {
  const page = await client.list(accountId);
  localStorage.setItem("domains", JSON.stringify(page));
}

/** An entry point for code outside this project: what it returns leaves the project whole. */
export async function loadDomain(accountId: string, id: string) {
  return client.get(accountId, id);
}
