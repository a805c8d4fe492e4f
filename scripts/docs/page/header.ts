// The sticky header's controls: its height for anchors and the sidebar (--header-h), the Menu button that
// opens the contents on a narrow screen, and the light/dark control (default: as the system, remembered).
import { recall, remember } from "./stored-choice.js";

const THEME_KEY = "email-domains-docs:theme";

export function trackHeaderHeight(header: HTMLElement): void {
  const set = () => document.documentElement.style.setProperty("--header-h", `${header.offsetHeight}px`);
  set();
  new ResizeObserver(set).observe(header);
}

export function wireMenu(button: HTMLButtonElement, layout: HTMLElement): void {
  const open = (yes: boolean) => {
    layout.classList.toggle("menu-open", yes);
    button.setAttribute("aria-expanded", String(yes));
  };
  layout.classList.add("has-menu");
  button.hidden = false;
  button.addEventListener("click", () => open(button.getAttribute("aria-expanded") !== "true"));
  // A link chosen in the contents closes them; Escape too, back on the button.
  layout.querySelector("nav")?.addEventListener("click", (event) => (event.target as HTMLElement).closest("a") && open(false));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && layout.classList.contains("menu-open")) {
      open(false);
      button.focus();
    }
  });
}

export function wireTheme(control: HTMLElement): void {
  const select = control.querySelector("select")!;
  const apply = (theme: string) => {
    if (theme === "light" || theme === "dark") document.documentElement.dataset["theme"] = theme;
    else delete document.documentElement.dataset["theme"];
    select.value = theme === "light" || theme === "dark" ? theme : "auto";
  };
  apply(recall(THEME_KEY) ?? "auto");
  select.addEventListener("change", () => {
    apply(select.value);
    remember(THEME_KEY, select.value);
  });
  control.hidden = false;
}
