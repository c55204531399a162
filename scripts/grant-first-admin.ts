/**
 * npm run org:grant-first-admin -- <法人番号> <email>
 *
 * For operators: makes <email> (an existing account) the first admin of the organization holding <法人番号>,
 * which must have no admin yet. Run it only after verifying the claim outside TierStar (see docs/operations.md,
 * "Supplier organizations without an admin"). Needs DATABASE_URL.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../apps/api/src/database/data-source-options';
import { FirstAdminRefused, grantFirstAdmin } from '../apps/api/src/organizations/first-admin';
import { isValidCorporateNumber } from '../apps/api/src/organizations/corporate-number';

async function main(): Promise<void> {
  const [corporateNumber, email] = process.argv.slice(2);
  if (!corporateNumber || !email || !isValidCorporateNumber(corporateNumber)) {
    throw new FirstAdminRefused('usage: npm run org:grant-first-admin -- <13-digit 法人番号> <email>');
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new FirstAdminRefused('DATABASE_URL is not set');
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const done = await grantFirstAdmin(ds, { corporateNumber, email });
    console.log(
      `${email} is now the first admin of organization ${done.organizationId}; ` +
        `${done.pendingRequests} buyer request(s) wait for their decision.`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof FirstAdminRefused ? `refused: ${e.message}` : e);
  process.exit(1);
});
