import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ForbiddenError, NotFoundError } from '../common/errors/app-error';
import { AuthService, API_KEY_PREFIX, hashApiKey } from './auth.service';
import type { Actor, WorkspaceMember } from '../common/domain/actor';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, WorkspaceDto } from './dto/identity.dto';
import { recordRoleGrants } from './members/role-grants';
import { ApiKey } from './entities/api-key.entity';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';
import type { Role } from './roles';
import { Clock } from '../common/clock/clock';

@Injectable()
export class WorkspacesService {
  private readonly logger = new Logger(WorkspacesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** On start: if no user exists yet and ADMIN_* are set, create that admin and a workspace. */
  async bootstrapAdmin(email: string | undefined, password: string | undefined, workspaceName: string): Promise<void> {
    if (!email || !password) return;
    await this.dataSource.transaction(async (tx) => {
      // Several instances may start at once: one creates, the others see a user.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['bootstrap-admin']);
      if ((await tx.getRepository(User).count()) > 0) return;
      const user = await tx
        .getRepository(User)
        .save({ email: email.toLowerCase(), name: 'Administrator', passwordHash: await argon2.hash(password) });
      const workspace = await tx.getRepository(Workspace).save({ name: workspaceName });
      await tx
        .getRepository(Membership)
        .save({ workspaceId: workspace.id, userId: user.id, roles: ['admin'] as Role[], qualification: {} });
      await recordRoleGrants(tx, { workspaceId: workspace.id, userId: user.id, roles: ['admin'], grantedBy: null });
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor: 'system',
          action: 'workspace.bootstrapped',
          subject: `workspace:${workspace.id}`,
          data: { adminEmail: user.email },
        },
        tx,
      );
      this.logger.log(`Bootstrapped admin ${user.email} in workspace "${workspace.name}"`);
    });
  }

  /** Any admin of any workspace may open a new one and becomes its admin. */
  async createWorkspace(actor: Actor, name: string): Promise<WorkspaceDto> {
    const userId = AuthService.requireUser(actor);
    return this.dataSource.transaction(async (tx) => {
      const isAdmin = await tx
        .getRepository(Membership)
        .createQueryBuilder('m')
        .where('m.user_id = :userId AND :role = ANY(m.roles)', { userId, role: 'admin' })
        .getExists();
      if (!isAdmin) throw new ForbiddenError('FORBIDDEN_ROLE', 'errors.forbiddenRole', { roles: 'admin' });
      const workspace = await tx.getRepository(Workspace).save({ name });
      await tx
        .getRepository(Membership)
        .save({ workspaceId: workspace.id, userId, roles: ['admin'] as Role[], qualification: {} });
      await recordRoleGrants(tx, { workspaceId: workspace.id, userId, roles: ['admin'], grantedBy: userId });
      await this.audit.record(
        {
          workspaceId: workspace.id,
          actor,
          action: 'workspace.created',
          subject: `workspace:${workspace.id}`,
          data: { name },
        },
        tx,
      );
      return { id: workspace.id, name: workspace.name, createdAt: workspace.createdAt.toISOString() };
    });
  }

  async createApiKey(member: WorkspaceMember, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (tx) => {
      const saved = await tx.getRepository(ApiKey).save({
        workspaceId: member.workspaceId,
        name: dto.name,
        roles: dto.roles,
        prefix: key.slice(0, 12),
        keyHash: hashApiKey(key),
        createdBy: member.userId,
      });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'apikey.created',
          subject: `apikey:${saved.id}`,
          data: { name: dto.name, roles: dto.roles, prefix: saved.prefix },
        },
        tx,
      );
      return { id: saved.id, key };
    });
  }

  async listApiKeys(workspaceId: string): Promise<ApiKeyDto[]> {
    const keys = await this.dataSource
      .getRepository(ApiKey)
      .find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
    return keys.map((k) => ({
      id: k.id,
      name: k.name,
      roles: k.roles,
      prefix: k.prefix,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    }));
  }

  async revokeApiKey(member: WorkspaceMember, id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .getRepository(ApiKey)
        .update({ id, workspaceId: member.workspaceId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      if (!result.affected) throw new NotFoundError('apiKey', id);
      await this.audit.record(
        { workspaceId: member.workspaceId, actor: member.actor, action: 'apikey.revoked', subject: `apikey:${id}` },
        tx,
      );
    });
  }
}
