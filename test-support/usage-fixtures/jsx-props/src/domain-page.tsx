// A consumer that renders with JSX components: the domain is followed into each component's props, by
// destructuring and by `props.x`; spread into a component's props, it counts as every field read there
// (test: src/usage/analyze-project.test.ts).
import { createEmailDomainsClient, type EmailDomain } from "@vortex/email-domains-contract-kit/client";

const client = createEmailDomainsClient({ baseUrl: "http://127.0.0.1:4010", apiKey: "demo-key-account-a" });

function DomainRow({ domain }: { domain: EmailDomain }): JSX.Element {
  return <tr><td>{domain.domain}</td><td>{domain.dkimStatus}</td></tr>;
}

function DomainTitle(props: { domain: EmailDomain; level: number }): JSX.Element {
  return <h1 title={props.domain.description ?? ""}>{props.level}</h1>;
}

function DomainCard(props: EmailDomain): JSX.Element {
  return <article>{props.domain}</article>;
}

export async function DomainPage(accountId: string, id: string): Promise<JSX.Element> {
  const domain = await client.get(accountId, id);
  return (
    <main>
      <DomainTitle domain={domain} level={1} />
      <table><DomainRow domain={domain} /></table>
      <DomainCard {...domain} />
    </main>
  );
}
