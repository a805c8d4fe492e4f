// The code samples beside a try-it panel (c2-samples' generators, scripts/docs/samples/), as HTML: rendered
// into the page at build time for the panel's prefilled example, and again by the page script whenever the
// reader edits the panel. Browser-safe.
import { codeSamples, type SampleRequest } from "../samples/code-samples.js";
import type { SpecOperation } from "../../../src/spec/operations.js";
import { el, esc, join, type Html } from "./html.js";

/**
 * Every sample, visible and whole, each under its label. The page script (page/samples-tabs.ts) turns the
 * hidden tab bar on, shows the reader's language only, and unhides the Copy buttons.
 */
export function samplesHtml(operation: SpecOperation, request: SampleRequest): Html {
  const samples = codeSamples(operation, request);
  return join([
    el("h5", {}, esc("Code samples of this request")),
    el(
      "div",
      { class: "sample-tabs", role: "group", "aria-label": "Language of the samples", hidden: true },
      ...samples.map((sample) => el("button", { type: "button", "data-show-language": sample.language, "aria-pressed": "false" }, esc(sample.label))),
    ),
    ...samples.map((sample) =>
      el(
        "div",
        { class: "sample", "data-sample-language": sample.language },
        el("div", { class: "sample-head" }, el("h6", {}, esc(sample.label)), el("button", { type: "button", class: "copy", hidden: true }, esc("Copy")), el("span", { class: "copy-state", role: "status" })),
        el("pre", { tabindex: 0 }, el("code", { "data-language": sample.language }, esc(sample.code))),
      ),
    ),
  ]);
}
