// The code samples beside a try-it panel (c2-samples' generators, scripts/docs/samples/), as HTML: rendered
// into the page at build time for the panel's prefilled example, and again by the page script whenever the
// reader edits the panel. Browser-safe.
import { codeSamples, type SampleRequest } from "../samples/code-samples.js";
import type { SpecOperation } from "../../../src/spec/operations.js";
import { el, esc, join, type Html } from "./html.js";

export function samplesHtml(operation: SpecOperation, request: SampleRequest): Html {
  return join([
    el("h5", {}, esc("Code samples of this request")),
    ...codeSamples(operation, request).map((sample) =>
      el("details", { class: "sample" }, el("summary", {}, esc(sample.label)), el("pre", { tabindex: 0 }, el("code", { "data-language": sample.language }, esc(sample.code)))),
    ),
  ]);
}
