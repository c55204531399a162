import { Initial1795346435117 } from './1795346435117-Initial';
import { ImportedCatalogues1795347143470 } from './1795347143470-ImportedCatalogues';
import { Assessments1795496286040 } from './1795496286040-Assessments';
import { Remediation1795498182989 } from './1795498182989-Remediation';
import { Cascade1795498494236 } from './1795498494236-Cascade';
import { ApiTokens1795501698239 } from './1795501698239-ApiTokens';
import { UserEmailVerified1796411138608 } from './1796411138608-UserEmailVerified';
import { AccountSecurity1796411434896 } from './1796411434896-AccountSecurity';
import { SupplierAccess1796411468685 } from './1796411468685-SupplierAccess';

/** Every migration, in order. New migrations are appended here (explicit list: works under ts, swc and jest). */
export const MIGRATIONS = [
  Initial1795346435117,
  ImportedCatalogues1795347143470,
  Assessments1795496286040,
  Remediation1795498182989,
  Cascade1795498494236,
  ApiTokens1795501698239,
  UserEmailVerified1796411138608,
  AccountSecurity1796411434896,
  SupplierAccess1796411468685,
];
