import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import assessmentEn from '../features/assessment/i18n/en.json';
import assessmentJa from '../features/assessment/i18n/ja.json';
import campaignsEn from '../features/campaigns/i18n/en.json';
import campaignsJa from '../features/campaigns/i18n/ja.json';
import insightsEn from '../features/insights/i18n/en.json';
import insightsJa from '../features/insights/i18n/ja.json';
import remediationEn from '../features/remediation/i18n/en.json';
import remediationJa from '../features/remediation/i18n/ja.json';
import en from './en.json';
import ja from './ja.json';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES, storedLanguage, storeLanguage } from './languages';

/** One namespace per large feature, so each feature keeps its messages next to its code. */
export const resources = {
  ja: {
    translation: ja,
    assessment: assessmentJa,
    campaigns: campaignsJa,
    remediation: remediationJa,
    insights: insightsJa,
  },
  en: {
    translation: en,
    assessment: assessmentEn,
    campaigns: campaignsEn,
    remediation: remediationEn,
    insights: insightsEn,
  },
} as const;

function reflectLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = i18n.t('app.name');
}

export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: storedLanguage() ?? DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
    showSupportNotice: false,
  });
  i18n.on('languageChanged', reflectLanguage);
  reflectLanguage(i18n.language);
  return i18n;
}

/** Switch the UI language and remember the choice on this device. */
export function changeLanguage(language: Language): void {
  storeLanguage(language);
  void i18n.changeLanguage(language);
}

/** Use the account's preferred language, unless the user already chose one on this device. */
export function applyAccountLanguage(language: Language): void {
  if (storedLanguage() === null && i18n.language !== language) void i18n.changeLanguage(language);
}
