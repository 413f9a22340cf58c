import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, DomainRuleError, NotFoundError } from '../../common/errors/app-error';
import { DestinationGuard } from '../../common/net/destination-guard';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SECRET_BOX, type SecretBox } from '../../publishing/secret-box';
import type { WorkspaceMember } from '../../common/domain/actor';
import type { GroupRoles } from './group-roles';
import { emailDomain } from './group-roles';
import type { PutSsoConfigDto, SsoConfigDto } from './sso.dto';

/** A workspace's SSO settings as the sign-in needs them, the secret opened. */
export interface SsoSettings {
  workspaceId: string;
  slug: string;
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  groupsClaim: string;
  groupRoles: GroupRoles[];
  passwordSignIn: boolean;
}

interface SsoRow {
  workspace_id: string;
  slug: string;
  issuer_url: string;
  client_id: string;
  client_secret_sealed: string;
  allowed_domains: string[];
  groups_claim: string;
  group_roles: GroupRoles[];
  password_sign_in: boolean;
  updated_at: Date;
}

export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

/** Owns `workspace_sso`: the admin's configuration and the look-ups of the sign-in. */
@Injectable()
export class SsoConfigService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly guard: DestinationGuard,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}${SSO_CALLBACK_PATH}`;
  }

  async get(workspaceId: string): Promise<SsoConfigDto> {
    const row = await this.row('workspace_id = $1', workspaceId);
    if (!row) throw new NotFoundError('sso', workspaceId);
    return this.toDto(row);
  }

  async put(admin: WorkspaceMember, dto: PutSsoConfigDto): Promise<SsoConfigDto> {
    await this.assertIssuerAllowed(dto.issuerUrl);
    return this.dataSource.transaction(async (tx) => {
      const sealed = await this.lockForChange(tx, admin.workspaceId, dto);
      const domains = dto.allowedDomains.map((d) => d.toLowerCase());
      const row = await this.upsert(tx, admin, dto, sealed, domains);
      // The secret itself never reaches the audit trail; only that it changed.
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'sso.configured',
          subject: `workspace:${admin.workspaceId}`,
          data: {
            slug: dto.slug,
            issuerUrl: dto.issuerUrl,
            clientId: dto.clientId,
            clientSecretChanged: dto.clientSecret !== undefined,
            allowedDomains: domains,
            groupsClaim: dto.groupsClaim ?? 'groups',
            groupRoles: dto.groupRoles,
            passwordSignIn: dto.passwordSignIn,
          },
        },
        tx,
      );
      return this.toDto(row);
    });
  }

  /**
   * Locks the workspace's settings row (if any) and refuses what cannot be saved: a first
   * configuration without its client secret, or a sign-in slug another workspace uses.
   * Answers the sealed client secret to store: the new one, or the one kept.
   */
  private async lockForChange(tx: EntityManager, workspaceId: string, dto: PutSsoConfigDto): Promise<string> {
    const [existing] = await tx.query<SsoRow[]>('SELECT * FROM workspace_sso WHERE workspace_id = $1 FOR UPDATE', [
      workspaceId,
    ]);
    const taken = await tx.query<unknown[]>('SELECT 1 FROM workspace_sso WHERE slug = $1 AND workspace_id <> $2', [
      dto.slug,
      workspaceId,
    ]);
    if (taken.length > 0) throw new ConflictError('SSO_SLUG_TAKEN', 'identity:errors.ssoSlugTaken', { slug: dto.slug });
    if (dto.clientSecret !== undefined) return this.secrets.seal(dto.clientSecret);
    if (!existing) {
      throw new DomainRuleError('SSO_SECRET_REQUIRED', 'identity:errors.ssoSecretRequired', {}, [
        { field: 'clientSecret', constraints: { required: 'clientSecret is required' } },
      ]);
    }
    return existing.client_secret_sealed;
  }

  private async upsert(
    tx: EntityManager,
    admin: WorkspaceMember,
    dto: PutSsoConfigDto,
    sealedSecret: string,
    domains: string[],
  ): Promise<SsoRow> {
    const rows = await tx.query<SsoRow[]>(
      `INSERT INTO workspace_sso (workspace_id, slug, issuer_url, client_id, client_secret_sealed, allowed_domains,
         groups_claim, group_roles, password_sign_in, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (workspace_id) DO UPDATE SET slug = $2, issuer_url = $3, client_id = $4, client_secret_sealed = $5,
         allowed_domains = $6, groups_claim = $7, group_roles = $8, password_sign_in = $9, updated_by = $10,
         updated_at = now()
       RETURNING *`,
      [
        admin.workspaceId,
        dto.slug,
        dto.issuerUrl,
        dto.clientId,
        sealedSecret,
        domains,
        dto.groupsClaim ?? 'groups',
        JSON.stringify(dto.groupRoles),
        dto.passwordSignIn,
        admin.userId,
      ],
    );
    return rows[0];
  }

  async remove(admin: WorkspaceMember): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [, count] = await tx.query<[unknown, number]>('DELETE FROM workspace_sso WHERE workspace_id = $1', [
        admin.workspaceId,
      ]);
      if (count === 0) throw new NotFoundError('sso', admin.workspaceId);
      await this.audit.record(
        {
          workspaceId: admin.workspaceId,
          actor: admin.actor,
          action: 'sso.removed',
          subject: `workspace:${admin.workspaceId}`,
        },
        tx,
      );
    });
  }

  /** The workspace a sign-in starts at: by slug, or by the domain of an e-mail address (null when none matches). */
  async find(selector: { workspace?: string; email?: string }): Promise<SsoSettings | null> {
    if (selector.workspace) return this.settings(await this.row('slug = $1', selector.workspace));
    const domain = selector.email ? emailDomain(selector.email) : null;
    if (!domain) return null;
    // A domain claimed by two workspaces is ambiguous: the person must name the workspace.
    const rows = await this.dataSource.query<SsoRow[]>(
      'SELECT * FROM workspace_sso WHERE $1 = ANY(allowed_domains) LIMIT 2',
      [domain],
    );
    return rows.length === 1 ? this.settings(rows[0]) : null;
  }

  async forWorkspace(workspaceId: string): Promise<SsoSettings | null> {
    return this.settings(await this.row('workspace_id = $1', workspaceId));
  }

  /** Workspaces of the user that refuse password sign-in (empty: a password may be used). */
  async passwordRefusedFor(userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ workspace_id: string }[]>(
      `SELECT s.workspace_id FROM workspace_sso s JOIN memberships m ON m.workspace_id = s.workspace_id
        WHERE m.user_id = $1 AND NOT s.password_sign_in`,
      [userId],
    );
    return rows.map((r) => r.workspace_id);
  }

  private async row(where: string, value: string): Promise<SsoRow | null> {
    return (await this.dataSource.query<SsoRow[]>(`SELECT * FROM workspace_sso WHERE ${where}`, [value]))[0] ?? null;
  }

  private settings(row: SsoRow | null): SsoSettings | null {
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      slug: row.slug,
      issuerUrl: row.issuer_url,
      clientId: row.client_id,
      clientSecret: this.secrets.open(row.client_secret_sealed),
      allowedDomains: row.allowed_domains,
      groupsClaim: row.groups_claim,
      groupRoles: row.group_roles,
      passwordSignIn: row.password_sign_in,
    };
  }

  private toDto(row: SsoRow): SsoConfigDto {
    return {
      slug: row.slug,
      issuerUrl: row.issuer_url,
      clientId: row.client_id,
      clientSecretSet: row.client_secret_sealed.length > 0,
      allowedDomains: row.allowed_domains,
      groupsClaim: row.groups_claim,
      groupRoles: row.group_roles,
      passwordSignIn: row.password_sign_in,
      redirectUri: this.redirectUri,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  private async assertIssuerAllowed(url: string): Promise<void> {
    if ((await this.guard.refusalAtConfiguration(new URL(url))) === null) return;
    throw new DomainRuleError('SSO_ISSUER_REFUSED', 'identity:errors.ssoIssuerRefused', {}, [
      {
        field: 'issuerUrl',
        constraints: { destinationAllowed: 'issuerUrl must be a public address, or one WEBHOOK_ALLOWED_HOSTS allows' },
      },
    ]);
  }
}
