import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { audit } from '../audit/audit';
import { hashPassword } from '../auth/password';
import { type NewSession, SessionService } from '../auth/session.service';
import { newToken, sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { normalizeEmail } from '../users/email';
import { User } from '../users/user.entity';
import type {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  MemberListDto,
  OrganizationDto,
  OrganizationInputDto,
  SignupDto,
} from './dto/organization.dto';
import { OutboxService } from '../outbox/outbox.service';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';

const INVITATION_TTL_MS = 14 * 24 * 3600_000;

export const corporateNumberTaken = (field = 'corporateNumber') =>
  new ProblemException(
    409,
    'CORPORATE_NUMBER_TAKEN',
    {
      ja: 'この法人番号の組織はすでに登録されています。',
      en: 'An organization with this 法人番号 already exists.',
    },
    [{ field, message: { ja: '登録済みの法人番号です。', en: 'already registered' } }],
  );

export function toOrganizationDto(o: Organization): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    corporateNumber: o.corporateNumber,
    sizeBand: o.sizeBand,
    industry: o.industry,
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Finds an organization by 法人番号 or creates it. Used by sign-up and by suppliers added to a network. */
  async findOrCreateOrganization(
    m: EntityManager,
    input: Pick<OrganizationInputDto, 'name' | 'corporateNumber' | 'industry'> & {
      sizeBand?: OrganizationInputDto['sizeBand'];
    },
  ): Promise<Organization> {
    if (input.corporateNumber) {
      const existing = await m.findOneBy(Organization, { corporateNumber: input.corporateNumber });
      if (existing) return existing;
    }
    return m.save(
      m.create(Organization, {
        name: input.name.trim(),
        corporateNumber: input.corporateNumber ?? null,
        sizeBand: input.sizeBand ?? null,
        industry: input.industry?.trim() ?? '',
      }),
    );
  }

  /** Registers a buyer organization with its first admin, who is logged in at once. */
  async signup(dto: SignupDto, userAgent?: string): Promise<NewSession & { userId: string }> {
    const email = normalizeEmail(dto.user.email);
    const passwordHash = await hashPassword(dto.user.password);
    return this.db.transaction(async (m) => {
      if (await m.existsBy(User, { email })) {
        throw new ProblemException(
          409,
          'EMAIL_TAKEN',
          {
            ja: 'このメールアドレスはすでに使われています。',
            en: 'This email address is already registered.',
          },
          [{ field: 'user.email', message: { ja: '登録済みです。', en: 'already registered' } }],
        );
      }
      if (
        dto.organization.corporateNumber &&
        (await m.existsBy(Organization, { corporateNumber: dto.organization.corporateNumber }))
      ) {
        throw corporateNumberTaken('organization.corporateNumber');
      }
      const org = await this.findOrCreateOrganization(m, dto.organization);
      const user = await m.save(
        m.create(User, { email, name: dto.user.name.trim(), passwordHash, locale: dto.user.locale ?? 'ja' }),
      );
      await m.insert(Membership, { userId: user.id, organizationId: org.id, role: 'admin' });
      await audit(m, {
        organizationId: org.id,
        actorUserId: user.id,
        action: 'organization.signup',
        entityType: 'organization',
        entityId: org.id,
        after: toOrganizationDto(org),
      });
      const session = await this.sessions.create(m, user.id, userAgent);
      return { ...session, userId: user.id };
    });
  }

  async get(orgId: string): Promise<OrganizationDto> {
    const org = await this.db.getRepository(Organization).findOneBy({ id: orgId });
    if (!org) throw problem.notFound();
    return toOrganizationDto(org);
  }

  async invite(orgId: string, actorUserId: string, dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    const email = normalizeEmail(dto.email);
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + INVITATION_TTL_MS);
    const outboxIds: string[] = [];
    const created = await this.db.transaction(async (m) => {
      const already = await m
        .createQueryBuilder(Membership, 'ms')
        .innerJoin('ms.user', 'u')
        .where('ms.organizationId = :orgId AND ms.role = :role AND u.email = :email', {
          orgId,
          role: dto.role,
          email,
        })
        .getExists();
      if (already) {
        throw new ProblemException(409, 'ALREADY_MEMBER', {
          ja: 'この人はすでにこの役割のメンバーです。',
          en: 'This person already has this role here.',
        });
      }
      const inv = await m.save(
        m.create(Invitation, {
          organizationId: orgId,
          email,
          role: dto.role,
          tokenHash: sha256Hex(token),
          invitedBy: actorUserId,
          expiresAt,
          acceptedAt: null,
        }),
      );
      await audit(m, {
        organizationId: orgId,
        actorUserId,
        action: 'invitation.create',
        entityType: 'invitation',
        entityId: inv.id,
        after: { email, role: dto.role },
      });
      const acceptUrl = `${this.config.PUBLIC_URL}/invitations/accept#token=${token}`;
      const [names] = await m.query<{ inviter: string; org: string }[]>(
        `SELECT u.name AS inviter, o.name AS org FROM users u, organizations o WHERE u.id = $1 AND o.id = $2`,
        [actorUserId, orgId],
      );
      const [invitee] = await m.query<{ locale: 'ja' | 'en' }[]>(
        'SELECT locale FROM users WHERE email = $1',
        [email],
      );
      outboxIds.push(
        ...(await this.outbox.record(m, [
          {
            dedupeKey: `org-invitation:${inv.id}`,
            kind: 'organization-invitation',
            organizationId: orgId,
            toEmail: email,
            locale: invitee?.locale ?? 'ja',
            payload: {
              data: {
                inviterName: names!.inviter,
                organizationName: names!.org,
                link: acceptUrl,
                expiresOn: expiresAt.toISOString(),
              },
            },
          },
        ])),
      );
      return { id: inv.id, email, role: dto.role, expiresAt, acceptUrl };
    });
    await this.outbox.dispatch(outboxIds);
    return created;
  }

  /**
   * Accepts an invitation: single use (the row is locked and marked accepted in the same transaction), not
   * after expiry. Creates the account, or adds the membership to an existing account with that email.
   */
  async acceptInvitation(
    dto: AcceptInvitationDto,
    userAgent?: string,
  ): Promise<NewSession & { userId: string }> {
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (m) => {
      const inv = await m.findOne(Invitation, {
        where: {
          tokenHash: sha256Hex(dto.token),
          acceptedAt: IsNull(),
          expiresAt: MoreThan(this.clock.now()),
        },
        lock: { mode: 'pessimistic_write' },
      });
      if (!inv) {
        throw new ProblemException(410, 'INVITATION_INVALID', {
          ja: '招待リンクが無効か、期限が切れています。招待した人に再送を依頼してください。',
          en: 'This invitation link is invalid, used or expired. Ask the person who invited you to send a new one.',
        });
      }
      let user = await m.findOneBy(User, { email: inv.email });
      if (!user) {
        user = await m.save(
          m.create(User, { email: inv.email, name: dto.name.trim(), passwordHash, locale: 'ja' }),
        );
      } else {
        await m.update(
          User,
          { id: user.id, passwordHash: IsNull() },
          { passwordHash, name: dto.name.trim() },
        );
      }
      await m
        .createQueryBuilder()
        .insert()
        .into(Membership)
        .values({ userId: user.id, organizationId: inv.organizationId, role: inv.role })
        .orIgnore()
        .execute();
      await m.update(Invitation, { id: inv.id }, { acceptedAt: this.clock.now() });
      await audit(m, {
        organizationId: inv.organizationId,
        actorUserId: user.id,
        action: 'invitation.accept',
        entityType: 'invitation',
        entityId: inv.id,
      });
      return { ...(await this.sessions.create(m, user.id, userAgent)), userId: user.id };
    });
  }

  async members(orgId: string): Promise<MemberListDto> {
    const items = await this.db.query<MemberListDto['items']>(
      `SELECT u.id AS "userId", u.name, u.email, m.role
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1
        ORDER BY u.name, m.role`,
      [orgId],
    );
    return { items };
  }
}
