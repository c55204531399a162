import { randomBytes, randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword, scryptParams } from '../../apps/api/src/auth/password';
import { SupplyLink } from '../../apps/api/src/network/supply-link.entity';
import { withCheckDigit } from '../../apps/api/src/organizations/corporate-number';
import { Membership, type MemberRole } from '../../apps/api/src/organizations/membership.entity';
import { Organization } from '../../apps/api/src/organizations/organization.entity';
import { User } from '../../apps/api/src/users/user.entity';

let seq = 0;
const unique = () => `${(seq++).toString(36)}${randomBytes(4).toString('hex')}`;

/** A valid 法人番号, unique in practice (12 random digits plus the check digit). */
export function corporateNumber(): string {
  return withCheckDigit(String(randomInt(0, 1e12)).padStart(12, '0'));
}

export const PASSWORD = 'test-password-123';
/** scrypt cost (log2 N) of test apps and factory users: fast; production refuses anything below 17. */
export const TEST_PASSWORD_HASH_COST = 12;
/** A fixed instant in the past for rows that need "verified some time ago". */
const VERIFIED_AT = new Date('2020-01-01T00:00:00Z');
let passwordHash: Promise<string> | undefined;

export async function makeOrg(db: DataSource, overrides: Partial<Organization> = {}): Promise<Organization> {
  return db.getRepository(Organization).save({
    name: `テスト組織 ${unique()}`,
    corporateNumber: corporateNumber(),
    sizeBand: 'medium',
    industry: '自動車部品',
    ...overrides,
  });
}

export async function makeUser(
  db: DataSource,
  org: Organization | null,
  role: MemberRole = 'admin',
  overrides: Partial<User> = {},
): Promise<User> {
  passwordHash ??= hashPassword(PASSWORD, scryptParams(TEST_PASSWORD_HASH_COST));
  const user = await db.getRepository(User).save({
    email: `user-${unique()}@example.test`,
    name: 'テスト 太郎',
    passwordHash: await passwordHash,
    locale: 'ja',
    emailVerifiedAt: VERIFIED_AT,
    ...overrides,
  });
  if (org) await db.getRepository(Membership).insert({ userId: user.id, organizationId: org.id, role });
  return user;
}

export async function makeLink(
  db: DataSource,
  buyer: Organization,
  supplier: Organization,
  overrides: Partial<SupplyLink> = {},
): Promise<SupplyLink> {
  // An established link: the supplier's number on it, nothing pending (the supplier accepted the buyer).
  return db.getRepository(SupplyLink).save({
    buyerId: buyer.id,
    supplierId: supplier.id,
    corporateNumber: supplier.corporateNumber,
    requestStatus: null,
    criticality: 'medium',
    tags: [],
    discloseUpstream: true,
    ...overrides,
  });
}

export async function countRows(db: DataSource, table: string): Promise<number> {
  const [row] = await db.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(row?.n);
}
