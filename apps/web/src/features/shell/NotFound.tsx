import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page-status">
      <h1>{t('shell.notFound')}</h1>
      <Link to="/">{t('shell.backHome')}</Link>
    </div>
  );
}
