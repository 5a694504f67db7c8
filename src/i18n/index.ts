import i18n from 'i18next';
import en from './locales/en';
import zhCN from './locales/zh-CN';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'mqscope.language';

/** The few browser globals used here, typed so that unit tests (Node, no DOM types) load this module too. */
interface BrowserGlobals {
  localStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem?(key: string): void;
  };
  navigator?: { languages?: readonly string[]; language?: string };
  document?: { documentElement: { lang: string } };
}
const browser = globalThis as BrowserGlobals;

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

/** The first of the OS/browser languages that MQScope speaks; any Chinese variant gets zh-CN, the only one written. */
export function matchLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = browser.localStorage?.getItem(STORAGE_KEY) ?? null;
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : null;
  } catch {
    // Storage can be denied (private mode, sandboxed page): fall back to the OS language.
    return null;
  }
}

/** The OS (browser) language, as far as MQScope speaks it. */
export function osLanguage(): Language {
  const nav = browser.navigator;
  return matchLanguage(nav?.languages ?? (nav?.language ? [nav.language] : []));
}

function initialLanguage(): Language {
  return storedLanguage() ?? osLanguage();
}

// Resources are bundled and initialisation is synchronous: no network, no eval, works offline under the CSP.
// React reaches this instance through <I18nextProvider> (main.tsx): this module stays free of React so
// plain TypeScript helpers and their Node tests can use it.
void i18n.init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

const applyLang = (lng: string) => {
  if (browser.document) browser.document.documentElement.lang = lng;
};
applyLang(i18n.language);
i18n.on('languageChanged', applyLang);

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'en';
}

/** Applies at once (every useTranslation re-renders) and is remembered for the next start. */
export function setLanguage(lng: Language): void {
  if (i18n.language === lng && storedLanguage() === lng) return;
  try {
    browser.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // Not persisted, but still applied for this session.
  }
  void i18n.changeLanguage(lng);
}

/**
 * The Settings choice: a language, or `system` to follow the OS. The data folder holds the
 * choice; localStorage keeps only what the first paint needs before the host answers.
 */
export function setLanguageChoice(choice: Language | 'system'): void {
  if (choice !== 'system') return setLanguage(choice);
  try {
    browser.localStorage?.removeItem?.(STORAGE_KEY);
  } catch {
    // Nothing cached: the OS language is what the next start picks anyway.
  }
  if (i18n.language !== osLanguage()) void i18n.changeLanguage(osLanguage());
}

export { i18n };
