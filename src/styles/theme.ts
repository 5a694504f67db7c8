/*
 * Light, dark or follow the OS. The choice is remembered; what the page shows is always resolved
 * to light or dark on <html data-theme>, which the CSS and Monaco read, so nothing else
 * needs to listen to the OS.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'mqscope.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

let choice: ThemeChoice = readChoice();

function readChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (THEME_CHOICES as readonly string[]).includes(value ?? '') ? (value as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

export function resolvedTheme(): Theme {
  if (choice !== 'system') return choice;
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

function apply(): void {
  document.documentElement.dataset['theme'] = resolvedTheme();
  for (const listener of listeners) listener();
}

export function themeChoice(): ThemeChoice {
  return choice;
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Applied for this session only.
  }
  apply();
}

/** Called on every change of the shown theme (a new choice, or the OS switching while on "system"). */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Once at start-up, before the first render, so the page never flashes the other theme. */
export function initTheme(): void {
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (choice === 'system') apply();
  });
  apply();
}
