import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEME_CHOICES, setThemeChoice, themeChoice, type ThemeChoice } from '../styles/theme';

export function ThemeSelect() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<ThemeChoice>(themeChoice);
  return (
    <select
      className="topbar-select"
      aria-label={t('app.theme.label')}
      title={t('app.theme.label')}
      value={choice}
      onChange={(e) => {
        const next = e.target.value as ThemeChoice;
        setThemeChoice(next);
        setChoice(next);
      }}
    >
      {THEME_CHOICES.map((c) => (
        <option key={c} value={c}>
          {t(`app.theme.${c}`)}
        </option>
      ))}
    </select>
  );
}
