import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage, type Language } from '../i18n';

// Each language names itself, so a user who cannot read the current one still finds theirs.
const NATIVE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export function LanguageSelect() {
  const { t } = useTranslation();
  return (
    <select
      className="topbar-select"
      aria-label={t('app.language')}
      title={t('app.language')}
      value={currentLanguage()}
      onChange={(e) => setLanguage(e.target.value as Language)}
    >
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng} lang={lng}>
          {NATIVE_NAMES[lng]}
        </option>
      ))}
    </select>
  );
}
