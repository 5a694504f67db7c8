import 'i18next';
import type en from './locales/en';

// Typed keys: tsc rejects a t('…') whose key is not in the English resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
