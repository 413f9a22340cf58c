import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { DomainRuleError, NotFoundError } from '../../common/errors/app-error';
import type { WorkspaceMember } from '../../common/domain/actor';
import type { MemberDto, MemberPageDto, UpdateMemberDto } from '../dto/members.dto';
import { Membership } from '../entities/membership.entity';
import { recordRoleGrants } from './role-grants';

/**
 * The members of a workspace: who they are, their roles, taking roles and membership away.
 * Roles are read from the database on every request, so a change applies at once on every instance.
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(workspaceId: string): Promise<MemberPageDto> {
    const rows = await this.dataSource
      .getRepository(Membership)
      .find({ where: { workspaceId }, relations: { user: true }, order: { createdAt: 'ASC' } });
    return { items: rows.map(toMemberDto), nextCursor: null };
  }

  /** Replaces a member's roles: new roles are recorded as grants by the caller, all of it audited. */
  async update(admin: WorkspaceMember, userId: string, dto: UpdateMemberDto): Promise<MemberDto> {
    return this.dataSource.transaction(async (tx) => {
      const membership = await this.lockedMembership(tx, admin.workspaceId, userId);
      const before = membership.roles;
      const added = dto.roles.filter((r) => !before.includes(r));
      const removed = before.filter((r) => !dto.roles.includes(r));
      if (removed.includes('admin')) await this.assertNotLastAdmin(tx, admin.workspaceId);
      membership.roles = dto.roles;
      if (dto.qualification) membership.qualification = { ...dto.qualification };
      await tx
        .getRepository(Membership)
        .update({ id: membership.id }, { roles: membership.roles, qualification: membership.qualification });
      await recordRoleGrants(tx, { workspaceId: admin.workspaceId, userId, roles: added, grantedBy: admin.userId });
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'member.roles_changed',
          subject: `user:${userId}`,
          data: {
            roles: dto.roles,
            added,
            removed,
            ...(dto.qualification ? { qualification: membership.qualification } : {}),
          },
        },
        tx,
      );
      return toMemberDto(membership);
    });
  }

  /** Takes a member out of the workspace; their tokens stop opening it with the next request. */
  async remove(admin: WorkspaceMember, userId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const membership = await this.lockedMembership(tx, admin.workspaceId, userId);
      if (membership.roles.includes('admin')) await this.assertNotLastAdmin(tx, admin.workspaceId);
      await tx.getRepository(Membership).delete({ id: membership.id });
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'member.removed',
          subject: `user:${userId}`,
          data: { email: membership.user?.email ?? null, roles: membership.roles },
        },
        tx,
      );
    });
  }

  /**
   * The member's row, with the workspace locked first: two admins demoting each other at
   * once are serialised, so the last-admin check below cannot be raced into an ownerless workspace.
   */
  private async lockedMembership(tx: EntityManager, workspaceId: string, userId: string): Promise<Membership> {
    await tx.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
    const membership = await tx
      .getRepository(Membership)
      .findOne({ where: { workspaceId, userId }, relations: { user: true } });
    if (!membership) throw new NotFoundError('member', userId);
    return membership;
  }

  private async assertNotLastAdmin(tx: EntityManager, workspaceId: string): Promise<void> {
    const [{ admins }] = await tx.query<{ admins: number }[]>(
      `SELECT count(*)::int AS admins FROM memberships WHERE workspace_id = $1 AND 'admin' = ANY(roles)`,
      [workspaceId],
    );
    if (admins <= 1) throw new DomainRuleError('LAST_ADMIN', 'identity:errors.lastAdmin');
  }
}

function toMemberDto(m: Membership): MemberDto {
  return {
    userId: m.userId,
    name: m.user?.name ?? '',
    email: m.user?.email ?? '',
    roles: m.roles,
    joinedAt: m.createdAt.toISOString(),
  };
}
