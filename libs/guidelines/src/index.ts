export * from './model';
export { compareOfficialIds, numericSegments, sortOfficial } from './order';
export {
  CatalogueValidationError,
  catalogueSchema,
  crosswalkSchema,
  formatIssue,
  formatPath,
  validateCatalogue,
  validateCrosswalk,
  type ValidationIssue,
  type ValidationResult,
} from './schema';
export { assembleCatalogue, buildCatalogue } from './loader';
export {
  citationNote,
  invertCrosswalk,
  invertLink,
  metiJamaLinks,
  parseMetiReferenceColumn,
  type JamaCitation,
  type ReferenceParseResult,
} from './crosswalk';
export { composeStar5Profile, STAR5_RANK, star5JamaGroupId, uncitedJamaItems } from './star5';
export {
  crosswalkLinksFor,
  getCatalogue,
  getCrosswalk,
  listCatalogues,
  listCrosswalks,
  resetRegistryCache,
  type CatalogueSummary,
} from './registry';
export type { CatalogueMetaOptions, ImportInput, ImportMessage, ImportResult } from './import/types';
export {
  importMetiCriteriaCsv,
  importMetiCriteriaRows,
  importMetiCriteriaXlsx,
  type MetiTableImportOptions,
} from './import/meti-table';
export { importOscalCatalog, type OscalImportOptions } from './import/oscal';
export { diffCatalogues, type CatalogueDiff } from './import/diff';
export {
  checkXlsxLimits,
  DEFAULT_XLSX_LIMITS,
  type XlsxCheck,
  type XlsxLimit,
  type XlsxLimits,
} from './import/xlsx-limits';
