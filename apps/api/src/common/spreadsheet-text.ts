/**
 * Text written into a CSV or XLSX cell must never start a formula when a spreadsheet opens it (CSV / formula
 * injection). Excel, LibreOffice and Google Sheets start a formula with = + - @, and strip a leading tab or
 * carriage return before looking; a Japanese Excel also reads the full-width ＝ ＋ － ＠ as their ASCII forms.
 * Such text is prefixed with an apostrophe, which spreadsheets show as the start of plain text.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** `text` as it is safe to write into a spreadsheet cell: prefixed with `'` when it could start a formula. */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/** Undoes `neutralizeFormula` for text read back from a workbook TierStar exported. */
export function restoreFormulaText(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.has(text[1]!) ? text.slice(1) : text;
}
