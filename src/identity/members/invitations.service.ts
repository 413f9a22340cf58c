import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { sha256Hex } from '../../common/domain/canonical-json';
import {
  ConflictError,
  DomainRuleError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../../common/errors/app-error';
import { ValidationFailedError } from '../../common/errors/validation-details';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { Actor, WorkspaceMember } from '../../common/domain/actor';
import { AuthService, type LoginResult } from '../auth.service';
import type { AcceptInvitationDto, CreatedInvitationDto, CreateMemberDto, InvitationDto } from '../dto/members.dto';
import { Invitation } from '../entities/invitation.entity';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { PasswordsService } from '../passwords/passwords.service';
import { InvitationMail } from './invitation-mail';
import { recordRoleGrants } from './role-grants';
import { Clock } from '../../common/clock/clock';

export const INVITATION_TOKEN_PREFIX = 'pci_';
/** A week: long enough to reach someone on leave, short enough that a forgotten link dies. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Who redeems an invitation: the request's own sign-in (if any) and address. */
export interface Redeemer {
  signedIn: Actor | null;
  clientAddress: string;
}

/**
 * Adding a member is an invitation the person accepts. The inviter learns nothing about the
 * invitee (the answer is the same whether an account exists), no one sets another's password,
 * and the roles are granted, on acceptance, in the inviter's name.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly passwords: PasswordsService,
    private readonly clock: Clock,
    private readonly mail: InvitationMail,
  ) {}

  async create(admin: WorkspaceMember, dto: CreateMemberDto): Promise<CreatedInvitationDto> {
    const invitedBy = AuthService.requireUser(admin.actor);
    const email = dto.email.toLowerCase();
    const token = `${INVITATION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const acceptUrl = `${this.config.publicUrl}/accept-invitation#token=${token}`;
    const invitation = await this.dataSource.transaction(async (tx) => {
      // Already in this workspace: the admin can see that in the member list anyway.
      const member = await tx.query<unknown[]>(
        `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2`,
        [admin.workspaceId, email],
      );
      if (member.length > 0) throw new ConflictError('MEMBER_EXISTS', 'errors.memberExists', { email });
      // A new invitation replaces a pending one: only the latest link works.
      await tx
        .getRepository(Invitation)
        .update(
          { workspaceId: admin.workspaceId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
          { revokedAt: this.clock.now() },
        );
      const created = await tx.getRepository(Invitation).save({
        workspaceId: admin.workspaceId,
        email,
        name: dto.name?.trim() ?? null,
        roles: dto.roles,
        qualification: { ...(dto.qualification ?? {}) },
        language: dto.language ?? 'en',
        tokenHash: sha256Hex(token),
        invitedBy,
        expiresAt: new Date(this.clock.now().getTime() + INVITATION_TTL_MS),
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      });
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'invitation.created',
          subject: `invitation:${created.id}`,
          data: { email, roles: dto.roles, expiresAt: created.expiresAt.toISOString() },
        },
        tx,
      );
      return created;
    });
    this.mail.sendInBackground(invitation, acceptUrl);
    return { invitation: toInvitationDto(invitation, this.clock.now()), token, acceptUrl, emailed: this.mail.enabled };
  }

  async list(workspaceId: string): Promise<InvitationDto[]> {
    const rows = await this.dataSource
      .getRepository(Invitation)
      .find({ where: { workspaceId }, order: { createdAt: 'DESC' } });
    return rows.map((i) => toInvitationDto(i, this.clock.now()));
  }

  async revoke(admin: WorkspaceMember, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .getRepository(Invitation)
        .update(
          { id, workspaceId: admin.workspaceId, acceptedAt: IsNull(), revokedAt: IsNull() },
          { revokedAt: this.clock.now() },
        );
      if (!result.affected) throw new NotFoundError('invitation', id);
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'invitation.revoked',
          subject: `invitation:${id}`,
        },
        tx,
      );
    });
  }

  /**
   * Redeems a token: a new account is created with the invitee's own name and password; an
   * existing account must be the signed-in caller or give its password. Unknown, used,
   * revoked and expired tokens all get the same 422.
   */
  async accept(dto: AcceptInvitationDto, redeemer: Redeemer): Promise<LoginResult> {
    const user = await this.dataSource.transaction(async (tx) => {
      const invitation = await tx
        .getRepository(Invitation)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash', { hash: sha256Hex(dto.token) })
        .getOne();
      if (
        !invitation ||
        invitation.acceptedAt ||
        invitation.revokedAt ||
        invitation.expiresAt.getTime() <= this.clock.now().getTime()
      ) {
        throw new DomainRuleError('INVITATION_INVALID', 'identity:errors.invitationInvalid', {}, [
          { field: 'token', constraints: { invitation: 'unknown, used, revoked or expired' } },
        ]);
      }
      // Two invitations of one new address accepted at once must not both create its account:
      // the second waits here, then finds the account and must prove it like any existing one.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`account:${invitation.email.toLowerCase()}`]);
      const existing = await tx.getRepository(User).findOne({ where: { email: invitation.email } });
      // An account without a password was never claimed (older versions let admins create them): the invitee claims it.
      const invitee = existing?.passwordHash
        ? await this.proveAccount(existing, dto, redeemer)
        : await this.setUpAccount(tx, invitation, dto, existing);
      if (
        await tx
          .getRepository(Membership)
          .exists({ where: { workspaceId: invitation.workspaceId, userId: invitee.id } })
      ) {
        throw new ConflictError('MEMBER_EXISTS', 'errors.memberExists', { email: invitation.email });
      }
      await this.join(tx, invitation, invitee);
      return invitee;
    });
    return this.auth.issueLogin(user);
  }

  private async proveAccount(user: User, dto: AcceptInvitationDto, redeemer: Redeemer): Promise<User> {
    if (redeemer.signedIn) {
      if (redeemer.signedIn.kind === 'user' && redeemer.signedIn.userId === user.id) return user;
      throw new ForbiddenError('INVITATION_OTHER_ACCOUNT', 'identity:errors.invitationOtherAccount');
    }
    if (!dto.password) throw new UnauthorizedError('identity:errors.invitationSignIn');
    return this.auth.checkPassword({ email: user.email, address: redeemer.clientAddress }, dto.password);
  }

  private async setUpAccount(
    tx: EntityManager,
    invitation: Invitation,
    dto: AcceptInvitationDto,
    unclaimed: User | null,
  ): Promise<User> {
    const name = dto.name?.trim() || invitation.name || unclaimed?.name || null;
    const missing = [...(name ? [] : ['name']), ...(dto.password ? [] : ['password'])];
    if (missing.length > 0) {
      throw new ValidationFailedError(missing.map((field) => ({ field, code: 'required' as const })));
    }
    const password = dto.password!;
    PasswordsService.assertStrong(
      password,
      await this.passwords.contextOf(tx, invitation.email, name, [invitation.workspaceId]),
    );
    return tx
      .getRepository(User)
      .save({ ...(unclaimed ?? {}), email: invitation.email, name: name!, passwordHash: await argon2.hash(password) });
  }

  private async join(tx: EntityManager, invitation: Invitation, user: User): Promise<void> {
    const now = this.clock.now();
    await tx.getRepository(Membership).save({
      workspaceId: invitation.workspaceId,
      userId: user.id,
      roles: invitation.roles,
      qualification: invitation.qualification,
      language: invitation.language,
    });
    await recordRoleGrants(tx, {
      workspaceId: invitation.workspaceId,
      userId: user.id,
      roles: invitation.roles,
      grantedBy: invitation.invitedBy,
    });
    await tx.getRepository(Invitation).update({ id: invitation.id }, { acceptedAt: now, acceptedBy: user.id });
    await this.audit.record(
      {
        workspaceId: invitation.workspaceId,
        actor: { kind: 'user', userId: user.id },
        action: 'member.joined',
        subject: `user:${user.id}`,
        data: {
          invitationId: invitation.id,
          email: user.email,
          roles: invitation.roles,
          grantedBy: invitation.invitedBy,
        },
      },
      tx,
    );
  }
}

function toInvitationDto(i: Invitation, now: Date): InvitationDto {
  const status = i.acceptedAt
    ? 'accepted'
    : i.revokedAt
      ? 'revoked'
      : i.expiresAt.getTime() <= now.getTime()
        ? 'expired'
        : 'pending';
  return {
    id: i.id,
    email: i.email,
    roles: i.roles,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    status,
  };
}
