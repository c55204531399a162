import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { audit } from '../audit/audit';
import { passwordWrong } from '../auth/auth.problems';
import { PasswordHasher } from '../auth/password-hasher';
import { RateLimiter } from '../auth/rate-limiter';
import { type NewSession, SessionService } from '../auth/session.service';
import { sha256Hex } from '../auth/tokens';
import { Clock } from '../common/clock';
import { ProblemException, problem } from '../common/problem';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { OutboxService } from '../outbox/outbox.service';
import { normalizeEmail } from '../users/email';
import type { UserLocale } from '../users/user.entity';
import type {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationCreatedDto,
  InvitationPreviewDto,
  MemberListDto,
  OrganizationDto,
  OrganizationInputDto,
  SignupAcceptedDto,
  SignupDto,
  VerifySignupDto,
} from './dto/organization.dto';
import { Invitation } from './invitation.entity';
import { Membership, type MemberRole } from './membership.entity';
import { Organization } from './organization.entity';
import { SignupRequest } from './signup-request.entity';

const INVITATION_TTL_MS = 14 * 24 * 3600_000;
/** Sign-ups per address and hour (each one sends an email to that address). */
const SIGNUP_PER_EMAIL = { max: 3, windowMs: 3600_000 };

/** The browser a request comes from: its address (rate limits), user agent and current session cookie. */
export interface ClientContext {
  ip: string;
  userAgent?: string;
  /** The session cookie this browser sent, revoked when a new session replaces it. */
  previousToken?: string;
  /** The signed-in caller, when there is one. */
  userId?: string;
}

const invitationInvalid = () =>
  new ProblemException(410, 'INVITATION_INVALID', {
    ja: '招待リンクが無効か、期限が切れています。招待した人に再送を依頼してください。',
    en: 'This invitation link is invalid, used or expired. Ask the person who invited you to send a new one.',
  });

const invitationNeedsSignIn = () =>
  new ProblemException(403, 'INVITATION_SIGN_IN_REQUIRED', {
    ja: 'この招待は、すでにあるアカウント宛てです。招待されたメールアドレスのアカウントでログインしてから、もう一度招待リンクを開いてください。',
    en: 'This invitation is for an existing account. Log in with the invited email address, then open the invitation link again.',
  });

const signupLinkInvalid = () =>
  new ProblemException(410, 'SIGNUP_LINK_INVALID', {
    ja: '確認リンクが無効か、期限が切れています。もう一度登録をお申し込みください。',
    en: 'This confirmation link is invalid, used or expired. Please sign up again.',
  });

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
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
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

  /**
   * Records a sign-up of a buyer organization and emails a verification link to the address. Nothing exists
   * until the link is used with the same password (see verifySignup): no user, organization or membership, so
   * signing up with someone else's address gives nothing. The answer is the same whether or not the address
   * already has an account (its owner gets a notice instead of a link), so sign-up reveals no accounts.
   * Limits per address (of the client, and of the email) are charged before the password is hashed.
   */
  async signup(dto: SignupDto): Promise<SignupAcceptedDto> {
    const email = normalizeEmail(dto.user.email);
    await this.limiter.consume([{ key: this.limiter.key('signup-email', email), limit: SIGNUP_PER_EMAIL }]);
    const corporateNumber = dto.organization.corporateNumber ?? null;
    if (corporateNumber && (await this.db.getRepository(Organization).existsBy({ corporateNumber }))) {
      throw corporateNumberTaken('organization.corporateNumber');
    }
    // Hashed in both cases below, so the answer takes as long whether or not the address has an account.
    const passwordHash = await this.hasher.hash(dto.user.password);
    const now = this.clock.now();
    const outboxIds = await this.db.transaction(async (m) => {
      const [existing] = await m.query<{ name: string; locale: UserLocale }[]>(
        'SELECT name, locale FROM users WHERE email = $1',
        [email],
      );
      if (existing) {
        return this.outbox.record(m, [
          {
            dedupeKey: `signup-account-exists:${randomUUID()}`,
            kind: 'signup-account-exists',
            organizationId: null,
            toEmail: email,
            locale: existing.locale,
            payload: { data: { name: existing.name, link: `${this.config.PUBLIC_URL}/login` } },
          },
        ]);
      }
      // Expired requests for this address are of no use any more.
      await m.query('DELETE FROM signup_requests WHERE email = $1 AND expires_at <= $2', [email, now]);
      const locale = dto.user.locale ?? 'ja';
      const request = await m.save(
        m.create(SignupRequest, {
          email,
          name: dto.user.name.trim(),
          locale,
          passwordHash,
          organization: {
            name: dto.organization.name.trim(),
            corporateNumber,
            sizeBand: dto.organization.sizeBand,
            industry: dto.organization.industry?.trim() ?? '',
          },
          tokenHash: null,
          expiresAt: null,
          createdAt: now,
        }),
      );
      return this.outbox.record(m, [
        {
          dedupeKey: `signup-verification:${request.id}`,
          kind: 'signup-verification',
          organizationId: null,
          toEmail: email,
          locale,
          // The link's token is issued when the email is sent (MailDeliveryService), never stored raw.
          payload: {
            signupRequestId: request.id,
            data: { name: request.name, organizationName: request.organization.name },
          },
        },
      ]);
    });
    await this.outbox.dispatch(outboxIds);
    return { email };
  }

  /**
   * Completes a sign-up: the emailed link (proof of the mailbox) together with the password chosen at sign-up
   * (proof that this person made this request — someone who merely receives a sign-up made by somebody else
   * with their address cannot complete it). Creates the verified account, the organization and its admin
   * membership, discards every other pending sign-up for the address, and signs in.
   */
  async verifySignup(
    dto: VerifySignupDto,
    ctx: ClientContext,
  ): Promise<{ userId: string; session: NewSession }> {
    const tokenHash = sha256Hex(dto.token);
    const [pending] = await this.db.query<{ id: string; email: string; password_hash: string }[]>(
      `SELECT id, email, password_hash FROM signup_requests
        WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash, this.clock.now()],
    );
    if (!pending) throw signupLinkInvalid();
    // The same back-off as a login to this address from this client, charged before the hash.
    await this.limiter.loginAttempt(pending.email, ctx.ip);
    const { ok } = await this.hasher.verify(dto.password, pending.password_hash);
    if (!ok) throw passwordWrong('password');
    await this.limiter.loginSucceeded(pending.email, ctx.ip);
    return this.db.transaction(async (m) => {
      const now = this.clock.now();
      const [request] = await m.query<
        (Pick<SignupRequest, 'id' | 'email' | 'name' | 'locale' | 'organization'> & {
          password_hash: string;
        })[]
      >(
        `SELECT id, email, name, locale, organization, password_hash FROM signup_requests
          WHERE id = $1 AND expires_at > $2 FOR UPDATE`,
        [pending.id, now],
      );
      if (!request) throw signupLinkInvalid();
      const [taken] = await m.query<unknown[]>('SELECT 1 FROM users WHERE email = $1', [request.email]);
      if (taken) {
        throw new ProblemException(409, 'EMAIL_ALREADY_REGISTERED', {
          ja: 'このメールアドレスには、すでにアカウントがあります。そのアカウントでログインしてください。',
          en: 'This email address already has an account. Please log in with it.',
        });
      }
      const input = request.organization;
      if (
        input.corporateNumber &&
        (await m.existsBy(Organization, { corporateNumber: input.corporateNumber }))
      ) {
        throw corporateNumberTaken('organization.corporateNumber');
      }
      const org = await this.findOrCreateOrganization(m, {
        ...input,
        corporateNumber: input.corporateNumber ?? undefined,
      });
      const [user] = await m.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, locale, email_verified_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`,
        [request.email, request.name, request.password_hash, request.locale, now],
      );
      await m.insert(Membership, { userId: user!.id, organizationId: org.id, role: 'admin' });
      // This request (its password hash now lives on the account) and any other sign-up for the address (e.g.
      // one made by someone else) are gone: their links stop working.
      await m.query('DELETE FROM signup_requests WHERE email = $1', [request.email]);
      await audit(m, {
        organizationId: org.id,
        actorUserId: user!.id,
        action: 'organization.signup',
        entityType: 'organization',
        entityId: org.id,
        after: toOrganizationDto(org),
      });
      await this.sessions.revokeByToken(m, ctx.previousToken);
      const session = await this.sessions.create(m, user!.id, ctx.userAgent);
      return { userId: user!.id, session };
    });
  }

  async get(orgId: string): Promise<OrganizationDto> {
    const org = await this.db.getRepository(Organization).findOneBy({ id: orgId });
    if (!org) throw problem.notFound();
    return toOrganizationDto(org);
  }

  /**
   * Invites someone by email. The invitation's link is created when the email is sent and travels only to the
   * invited mailbox: it is in no answer and in no stored row (only its hash is kept).
   */
  async invite(orgId: string, actorUserId: string, dto: CreateInvitationDto): Promise<InvitationCreatedDto> {
    const email = normalizeEmail(dto.email);
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
          tokenHash: null,
          invitedBy: actorUserId,
          expiresAt,
          acceptedAt: null,
          createdAt: this.clock.now(),
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
            // The link is added by the mail delivery, which issues the token in its claim transaction.
            payload: {
              invitationId: inv.id,
              data: {
                inviterName: names!.inviter,
                organizationName: names!.org,
                expiresOn: expiresAt.toISOString(),
              },
            },
          },
        ])),
      );
      return { id: inv.id, email, role: dto.role, expiresAt };
    });
    await this.outbox.dispatch(outboxIds);
    return created;
  }

  private async openInvitation(
    m: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{
    id: string;
    organization_id: string;
    email: string;
    role: MemberRole;
    expires_at: Date;
  } | null> {
    const [inv] = await m.query<
      { id: string; organization_id: string; email: string; role: MemberRole; expires_at: Date }[]
    >(
      `SELECT id, organization_id, email, role::text AS role, expires_at FROM invitations
        WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2${lock ? ' FOR UPDATE' : ''}`,
      [sha256Hex(token), this.clock.now()],
    );
    return inv ?? null;
  }

  /** What an invitation link is for, shown before accepting (only its holder — the invitee — has the token). */
  async previewInvitation(token: string, ctx: ClientContext): Promise<InvitationPreviewDto> {
    const inv = await this.openInvitation(this.db.manager, token, false);
    if (!inv) throw invitationInvalid();
    const [row] = await this.db.query<{ org: string; user_id: string | null }[]>(
      `SELECT o.name AS org,
              (SELECT id FROM users WHERE email = $2 AND email_verified_at IS NOT NULL) AS user_id
         FROM organizations o WHERE o.id = $1`,
      [inv.organization_id, inv.email],
    );
    return {
      organizationName: row!.org,
      email: inv.email,
      role: inv.role,
      expiresAt: inv.expires_at,
      accountExists: row!.user_id !== null,
      signedInAsInvitee: row!.user_id !== null && row!.user_id === ctx.userId,
    };
  }

  /**
   * Accepts an invitation: single use (the row is locked and marked accepted in the same transaction), not
   * after expiry.
   * - The address has a (verified) account: the caller must be signed in as that account, and then only the
   *   membership is added. No session is ever opened for an existing account without its password.
   * - Otherwise the link proves the mailbox: `name` and `password` create the verified account (or take over a
   *   row that was never verified, ending its sessions), pending sign-ups for the address are discarded, and
   *   this browser is signed in.
   */
  async acceptInvitation(
    dto: AcceptInvitationDto,
    ctx: ClientContext,
  ): Promise<{ userId: string; session: NewSession | null }> {
    const inv = await this.openInvitation(this.db.manager, dto.token, false);
    if (!inv) throw invitationInvalid();
    const [existing] = await this.db.query<{ id: string }[]>(
      'SELECT id FROM users WHERE email = $1 AND email_verified_at IS NOT NULL',
      [inv.email],
    );
    if (existing) {
      if (ctx.userId !== existing.id) throw invitationNeedsSignIn();
      return this.db.transaction(async (m) => {
        const locked = await this.openInvitation(m, dto.token, true);
        if (!locked) throw invitationInvalid();
        await this.join(m, locked, existing.id);
        return { userId: existing.id, session: null };
      });
    }
    const missing = [...(dto.name?.trim() ? [] : ['name']), ...(dto.password ? [] : ['password'])];
    if (missing.length > 0) {
      throw problem.validation(
        missing.map((field) => ({
          field,
          message: { ja: `「${field}」を入力してください。`, en: `${field} is required for a new account` },
        })),
      );
    }
    // Per invitation (in effect per account): charged before the hash.
    await this.limiter.consume([
      {
        key: this.limiter.key('invitation-accept', inv.id),
        limit: { max: this.config.LOGIN_MAX_ATTEMPTS, windowMs: this.config.LOGIN_WINDOW_SECONDS * 1000 },
      },
    ]);
    const passwordHash = await this.hasher.hash(dto.password!);
    return this.db.transaction(async (m) => {
      const locked = await this.openInvitation(m, dto.token, true);
      if (!locked) throw invitationInvalid();
      const now = this.clock.now();
      // A row that was never verified is taken over: the mailbox owner's name and password replace its own.
      const [user] = await m.query<{ id: string }[]>(
        `INSERT INTO users (email, name, password_hash, locale, email_verified_at, created_at)
         VALUES ($1, $2, $3, 'ja', $4, $4)
         ON CONFLICT (email) DO UPDATE
           SET name = EXCLUDED.name, password_hash = EXCLUDED.password_hash,
               email_verified_at = EXCLUDED.email_verified_at
           WHERE users.email_verified_at IS NULL
         RETURNING id`,
        [locked.email, dto.name!.trim(), passwordHash, now],
      );
      // Verified meanwhile (a race with another acceptance or sign-up): that account must sign in.
      if (!user) throw invitationNeedsSignIn();
      await this.sessions.revokeAllForUser(m, user.id);
      await m.query('DELETE FROM signup_requests WHERE email = $1', [locked.email]);
      await this.join(m, locked, user.id);
      await this.sessions.revokeByToken(m, ctx.previousToken);
      return { userId: user.id, session: await this.sessions.create(m, user.id, ctx.userAgent) };
    });
  }

  private async join(
    m: EntityManager,
    inv: { id: string; organization_id: string; role: MemberRole },
    userId: string,
  ): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(Membership)
      .values({ userId, organizationId: inv.organization_id, role: inv.role })
      .orIgnore()
      .execute();
    await m.query('UPDATE invitations SET accepted_at = $2 WHERE id = $1', [inv.id, this.clock.now()]);
    await audit(m, {
      organizationId: inv.organization_id,
      actorUserId: userId,
      action: 'invitation.accept',
      entityType: 'invitation',
      entityId: inv.id,
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
