import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { recordRoleGrants } from '../members/role-grants';
import { rolesAfterSignIn } from './group-roles';
import type { SsoSettings } from './sso-config.service';

export interface SsoIdentity {
  email: string;
  name: string;
  groups: string[];
  /** The provider's subject, kept in the audit trail. */
  subject: string;
}

/**
 * Brings a member in line with the identity provider at sign-in: creates the account and the
 * membership just in time when a group gives a role (an existing member always signs in), and
 * applies the group mapping. Every role added is a grant (by the system) and every change,
 * with the groups that caused it, is in the audit trail.
 */
@Injectable()
export class SsoMembership {
  constructor(private readonly audit: AuditService) {}

  /** The user signed in, or null when they are no member and no group maps to a role. */
  async apply(tx: EntityManager, settings: SsoSettings, identity: SsoIdentity): Promise<User | null> {
    const workspaceId = settings.workspaceId;
    // Serialises sign-ins with admins' role changes (and the last-admin check) in this workspace.
    await tx.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
    let user = await tx.getRepository(User).findOne({ where: { email: identity.email } });
    const membership = user
      ? await tx.getRepository(Membership).findOne({ where: { workspaceId, userId: user.id } })
      : null;
    const change = rolesAfterSignIn(membership?.roles ?? [], identity.groups, settings.groupRoles);
    if (!membership && change.roles.length === 0) return null;
    const actor = 'system:sso';
    const events = [];
    if (!user) {
      user = await tx.getRepository(User).save({ email: identity.email, name: identity.name, passwordHash: null });
      events.push({
        workspaceId,
        actor,
        action: 'user.created',
        subject: `user:${user.id}`,
        data: { email: identity.email, source: 'sso' },
      });
    }
    if (!membership) {
      await tx.getRepository(Membership).save({ workspaceId, userId: user.id, roles: change.roles, qualification: {} });
      events.push({
        workspaceId,
        actor,
        action: 'member.added',
        subject: `user:${user.id}`,
        data: { email: identity.email, roles: change.roles, source: 'sso', groups: identity.groups },
      });
    } else if (change.added.length > 0 || change.removed.length > 0) {
      await tx.getRepository(Membership).update({ id: membership.id }, { roles: change.roles });
      events.push({
        workspaceId,
        actor,
        action: 'member.roles_changed',
        subject: `user:${user.id}`,
        data: {
          before: membership.roles,
          after: change.roles,
          added: change.added,
          removed: change.removed,
          source: 'sso',
          groups: identity.groups,
        },
      });
    }
    await recordRoleGrants(tx, { workspaceId, userId: user.id, roles: change.added, grantedBy: null });
    events.push({
      workspaceId,
      actor: `user:${user.id}`,
      action: 'auth.sso_signed_in',
      subject: `user:${user.id}`,
      data: { idpSubject: identity.subject, groups: identity.groups },
    });
    await this.audit.recordMany(events, tx);
    return user;
  }
}
