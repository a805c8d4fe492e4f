// The code samples as the reader wants them: one language at a time in every panel, the one last chosen
// (remembered in localStorage), each with a Copy button. Without this script every sample stays visible.
import { recall, remember } from "./stored-choice.js";

const STORAGE_KEY = "email-domains-docs:sample-language";
const chosenLanguage = () => recall(STORAGE_KEY);

/** Shows `slot`'s samples in the chosen language (the first one when none was chosen or it has none). */
export function showSamples(slot: HTMLElement): void {
  const samples = Array.from(slot.querySelectorAll<HTMLElement>("[data-sample-language]"));
  const wanted = chosenLanguage();
  const language = samples.some((s) => s.dataset["sampleLanguage"] === wanted) ? wanted : samples[0]?.dataset["sampleLanguage"];
  for (const sample of samples) sample.hidden = sample.dataset["sampleLanguage"] !== language;
  for (const button of Array.from(slot.querySelectorAll<HTMLButtonElement>("[data-show-language]"))) button.setAttribute("aria-pressed", String(button.dataset["showLanguage"] === language));
  slot.querySelectorAll<HTMLElement>(".sample-tabs, .copy").forEach((control) => (control.hidden = false));
}

const allSlots = () => Array.from(document.querySelectorAll<HTMLElement>("[data-samples]"));

export function wireSamples(): void {
  allSlots().forEach(showSamples);
  document.addEventListener("click", (event) => {
    const target = event.target as HTMLElement;
    const tab = target.closest<HTMLButtonElement>("[data-show-language]");
    if (tab) {
      remember(STORAGE_KEY, tab.dataset["showLanguage"] ?? "");
      allSlots().forEach(showSamples);
      return;
    }
    const copy = target.closest<HTMLButtonElement>("button.copy");
    const sample = copy?.closest<HTMLElement>("[data-sample-language]");
    if (!copy || !sample) return;
    const state = sample.querySelector<HTMLElement>(".copy-state");
    navigator.clipboard.writeText(sample.querySelector("pre")?.textContent ?? "").then(
      () => state && (state.textContent = "Copied"),
      () => state && (state.textContent = "Select the text to copy it"),
    );
  });
}
