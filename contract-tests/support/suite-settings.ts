// The settings inside a test worker: those the CLI provided (parsed there, flags over variables), else the
// CONTRACT_* variables of this process, parsed by the same parser (settings.ts).
import { inject } from "vitest";
import { settingsFromEnv, type ContractSettings } from "./settings.js";

declare module "vitest" {
  export interface ProvidedContext {
    contractBaseUrl: string;
    contractInProcessMock: boolean;
    /** Set by the CLI: the run's settings, so nothing is written into process.env. */
    contractSettings: ContractSettings | undefined;
    /** A folder outside the reports where the files of one run hand over what they saw (removed at the end). */
    contractRunStateDir: string;
  }
}

export const suiteSettings: ContractSettings = inject("contractSettings") ?? settingsFromEnv(process.env);
