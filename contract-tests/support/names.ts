// Names the suite creates: always `contract-<random>...example.com`, so on a real server it can only ever
// touch what it made itself.
import { randomBytes } from "node:crypto";

export const randomToken = () => randomBytes(6).toString("hex");

/** `contract-<random>.example.com`, or with extra labels before `example.com`. */
export const contractDomainName = (...labels: string[]) => [`contract-${randomToken()}`, ...labels, "example", "com"].join(".");
