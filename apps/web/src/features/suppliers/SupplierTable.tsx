import { useTranslation } from 'react-i18next';
import type { NetworkItem } from '../../api/types';

/** Suppliers as a table; on narrow screens styles.css lays each row out as a card (labels from data-label). */
export function SupplierTable({ items }: { items: readonly NetworkItem[] }) {
  const { t } = useTranslation();
  const col = {
    name: t('suppliers.columns.name'),
    corporateNumber: t('suppliers.columns.corporateNumber'),
    tier: t('suppliers.columns.tier'),
    via: t('suppliers.columns.via'),
    criticality: t('suppliers.columns.criticality'),
    tags: t('suppliers.columns.tags'),
    contactEmail: t('suppliers.columns.contactEmail'),
  };
  const none = <span className="muted">{t('common.none')}</span>;

  return (
    <table className="supplier-table">
      <thead>
        <tr>
          <th scope="col">{col.name}</th>
          <th scope="col">{col.corporateNumber}</th>
          <th scope="col">{col.tier}</th>
          <th scope="col">{col.via}</th>
          <th scope="col">{col.criticality}</th>
          <th scope="col">{col.tags}</th>
          <th scope="col">{col.contactEmail}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.linkId}
            data-testid="supplier-row"
            className={item.status === 'inactive' ? 'inactive' : undefined}
          >
            <th scope="row" data-label={col.name} className="cell-name">
              {item.supplier.name}
              {item.status === 'inactive' && (
                <span className="badge badge-muted">{t('suppliers.inactive')}</span>
              )}
            </th>
            <td data-label={col.corporateNumber} className="cell-number">
              {item.supplier.corporateNumber || none}
            </td>
            <td data-label={col.tier}>{t('suppliers.tierValue', { tier: item.tier })}</td>
            <td data-label={col.via}>{item.via?.name ?? none}</td>
            <td data-label={col.criticality}>
              <span className={`badge badge-${item.criticality}`}>
                {t(`criticality.${item.criticality}`)}
              </span>
            </td>
            <td data-label={col.tags}>
              {item.tags.length > 0 ? (
                <ul className="tags">
                  {item.tags.map((tag) => (
                    <li key={tag} className="tag">
                      {tag}
                    </li>
                  ))}
                </ul>
              ) : (
                none
              )}
            </td>
            <td data-label={col.contactEmail} className="cell-email">
              {item.contactEmail ? <a href={`mailto:${item.contactEmail}`}>{item.contactEmail}</a> : none}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
