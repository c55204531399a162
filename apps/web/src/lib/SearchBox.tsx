import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedCallback } from './useDebouncedCallback';

export const SEARCH_DEBOUNCE_MS = 300;

/** Search field that reports what was typed once the user pauses. Remount (key) it to reset. */
export function SearchBox({ initial, onSearch }: { initial: string; onSearch(q: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(initial);
  const search = useDebouncedCallback((value: string) => onSearch(value.trim()), SEARCH_DEBOUNCE_MS);

  return (
    <div className="field search-field" role="search">
      <label htmlFor={id}>{t('suppliers.searchLabel')}</label>
      <input
        id={id}
        type="search"
        name="q"
        autoComplete="off"
        placeholder={t('suppliers.searchPlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          search(e.target.value);
        }}
      />
    </div>
  );
}
