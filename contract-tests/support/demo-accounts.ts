// The mock's demo seed accounts (README): the suite's defaults when no account is named.
export interface Credentials {
  apiKey: string;
  accountId: string;
}

export const DEMO_A: Credentials = { apiKey: "demo-key-account-a", accountId: "a0000000-0000-4000-8000-000000000001" };
export const DEMO_B: Credentials = { apiKey: "demo-key-account-b", accountId: "b0000000-0000-4000-8000-000000000002" };
