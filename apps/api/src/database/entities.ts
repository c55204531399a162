import { AuditEvent } from '../audit/audit-event.entity';
import { Session } from '../auth/session.entity';
import { ImportedCatalogue } from '../catalogues/imported-catalogue.entity';
import { SupplyLink } from '../network/supply-link.entity';
import { Invitation } from '../organizations/invitation.entity';
import { Membership } from '../organizations/membership.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';

/** Every entity, listed explicitly (no globs: the same list works under ts, swc and jest). */
export const ENTITIES = [
  AuditEvent,
  ImportedCatalogue,
  Invitation,
  Membership,
  Organization,
  Session,
  SupplyLink,
  User,
];
