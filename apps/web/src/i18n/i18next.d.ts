import 'i18next';
import type assessment from '../features/assessment/i18n/ja.json';
import type campaigns from '../features/campaigns/i18n/ja.json';
import type insights from '../features/insights/i18n/ja.json';
import type remediation from '../features/remediation/i18n/ja.json';
import type ja from './ja.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ja;
      assessment: typeof assessment;
      campaigns: typeof campaigns;
      remediation: typeof remediation;
      insights: typeof insights;
    };
  }
}
