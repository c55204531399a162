import { useTranslation } from 'react-i18next';
import ja from '../i18n/ja.json';
import { failureMessage, type RowError, rowErrors } from './problem';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(ja.errors));

/** API field names that have a label on the add-supplier form. */
const FIELD_LABELS = {
  name: 'addSupplier.name',
  corporateNumber: 'addSupplier.corporateNumber',
  contactEmail: 'addSupplier.contactEmail',
  tags: 'addSupplier.tags',
  criticality: 'addSupplier.criticality',
} as const;

function isLabelledField(field: string): field is keyof typeof FIELD_LABELS {
  return Object.hasOwn(FIELD_LABELS, field);
}

/** Shows why something failed, in the user's language, with row-numbered details when the API gives them. */
export function ErrorMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useTranslation();
  const message = failureMessage(error, KNOWN_CODES);
  const rows = rowErrors(error);

  function describe({ row, field, message: text }: RowError): string {
    const label = field === undefined ? undefined : isLabelledField(field) ? t(FIELD_LABELS[field]) : field;
    if (row !== undefined && label !== undefined)
      return t('details.rowField', { row, field: label, message: text });
    if (row !== undefined) return t('details.row', { row, message: text });
    if (label !== undefined) return t('details.field', { field: label, message: text });
    return text;
  }

  return (
    <div className="alert alert-error" role="alert" id={id}>
      <p>{'key' in message ? t(message.key) : message.text}</p>
      {rows.length > 0 && (
        <ul className="row-errors">
          {rows.map((row, index) => (
            <li key={index}>{describe(row)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
