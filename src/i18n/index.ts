import i18n from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import en from './locales/en';

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

/**
 * English is bundled (it is every language's fallback); any other language is its own chunk, loaded
 * when chosen, so a window carries one language's strings on its start path, not all of them.
 */
const otherLanguages = resourcesToBackend((lng: string) =>
  lng === 'zh-CN' ? import('./locales/zh-CN') : Promise.reject(new Error(`No strings for ${lng}.`)),
);

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

// English initialises synchronously (no network, no eval, works offline under the CSP); another
// language arrives from its chunk, and `languageReady` says when: main.tsx paints after it.
// React reaches this instance through <I18nextProvider> (main.tsx): this module stays free of React so
// plain TypeScript helpers and their Node tests can use it.
i18n.use(otherLanguages);
/** Settles once the start language's strings are in (at once for English). */
export const languageReady: Promise<unknown> = i18n.init({
  resources: { en: { translation: en } },
  partialBundledLanguages: true,
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

/**
 * Applies without a restart once the language's strings are in (every useTranslation re-renders
 * then) and is remembered for the next start. Settles when applied.
 */
export async function setLanguage(lng: Language): Promise<void> {
  if (i18n.language === lng && storedLanguage() === lng) return;
  try {
    browser.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // Not persisted, but still applied for this session.
  }
  await i18n.changeLanguage(lng);
}

/**
 * The Settings choice: a language, or `system` to follow the OS. The data folder holds the
 * choice; localStorage keeps only what the first paint needs before the host answers.
 */
export async function setLanguageChoice(choice: Language | 'system'): Promise<void> {
  if (choice !== 'system') return setLanguage(choice);
  try {
    browser.localStorage?.removeItem?.(STORAGE_KEY);
  } catch {
    // Nothing cached: the OS language is what the next start picks anyway.
  }
  if (i18n.language !== osLanguage()) await i18n.changeLanguage(osLanguage());
}

export { i18n };
