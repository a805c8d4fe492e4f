// What the Redis store's reads answered, kept per account until Redis says one of that account's keys changed
// (CLIENT TRACKING, see redis-connection.ts). An answer is kept under the prefix its keys share
// (`P{accountId}:G:`), so an invalidation of any of them (marker, domains, names, order, key digests) drops
// everything kept for that account in that generation. Nothing here asks Redis anything: the store sends the
// read barrier before it trusts a kept answer.
//
// A read's answer may only be kept when nothing it depends on was invalidated while it was on its way: the
// push of a change made just after the read can arrive in the same chunk as the read's reply, before the code
// that would keep it runs. So a read takes a ticket when it is sent, and keeping checks that neither its
// account nor the whole memo was invalidated since.

/** Accounts whose answers are kept; past this many everything is forgotten (a world with many accounts). */
const ACCOUNTS_LIMIT = 10_000;
/** Answers kept per account (pages, domains by caller); past this many that account starts again. */
const ANSWERS_LIMIT = 1_000;

interface Account {
  /** Bumped by every invalidation of the account's keys. */
  version: number;
  answers: Map<string, { value: unknown }>;
}

export interface ReadTicket {
  account: Account;
  version: number;
  epoch: number;
}

export class TrackedReads {
  #accounts = new Map<string, Account>();
  /** Bumped when everything is forgotten: tickets taken before then are void. */
  #epoch = 0;

  /** The kept answer for `answer` of the account whose keys start with `prefix`, if any. */
  find(prefix: string, answer: string): { value: unknown } | undefined {
    return this.#accounts.get(prefix)?.answers.get(answer);
  }

  /** Taken when a read is sent: keep() then knows whether an invalidation came in between. */
  ticket(prefix: string): ReadTicket {
    let account = this.#accounts.get(prefix);
    if (!account) {
      if (this.#accounts.size >= ACCOUNTS_LIMIT) this.invalidate(null);
      account = { version: 0, answers: new Map() };
      this.#accounts.set(prefix, account);
    }
    return { account, version: account.version, epoch: this.#epoch };
  }

  keep(ticket: ReadTicket, answer: string, value: unknown): void {
    const { account } = ticket;
    if (ticket.epoch !== this.#epoch || ticket.version !== account.version) return;
    if (account.answers.size >= ANSWERS_LIMIT) account.answers.clear();
    account.answers.set(answer, { value });
  }

  /** Redis's invalidation of `key` (its account's answers go), or `null`: forget everything. */
  invalidate(key: string | null): void {
    if (key === null) {
      this.#epoch++;
      this.#accounts.clear();
      return;
    }
    this.forgetAccount(key.slice(0, key.lastIndexOf(":") + 1));
  }

  /** Drops what is kept for the account whose keys start with `prefix` (after this process changed it). */
  forgetAccount(prefix: string): void {
    const account = this.#accounts.get(prefix);
    if (account) {
      account.version++;
      account.answers.clear();
    }
  }
}
