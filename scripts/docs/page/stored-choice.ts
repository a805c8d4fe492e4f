// A reader's choice kept in localStorage (theme, language of the samples). Storage may be refused (a privacy
// setting, a page opened from disk in some browsers): then the choice holds for this page only.
export function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not remembered, still applied
  }
}

export function recall(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}
