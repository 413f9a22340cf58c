import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainRuleError, NotFoundError } from '../common/errors/app-error';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { ComplianceService } from './compliance.service';
import {
  validateOverride,
  type OverrideCatalogue,
  type OverrideFields,
  type OverrideInput,
} from './domain/override-validation';
import { inForceAt, overridesVersion, type WorkspaceOverride } from './domain/workspace-overrides';
import type { CreateOverrideDto, OverrideDto, OverrideListDto, UpdateOverrideDto } from './dto/overrides.dto';
import { ComplianceOverride } from './entities/compliance-override.entity';

/** Overrides a workspace may keep at once: enough for a real lexicon, bounded so evaluation stays fast. */
export const MAX_ACTIVE_OVERRIDES = 500;

/** The workspace's own tightening of the packs: stored, versioned and audited here; applied by ComplianceService. */
@Injectable()
export class WorkspaceOverridesService {
  private readonly catalogue: OverrideCatalogue;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
  ) {
    const packs = compliance.packs();
    this.catalogue = {
      ruleIds: new Set(packs.flatMap((p) => compliance.pack(p.code)?.rules.map((r) => r.id) ?? [])),
      stages: new Set(compliance.stageOrder()),
      languages: new Set(packs.flatMap((p) => p.languages)),
    };
  }

  /** The overrides not retired, of one workspace, as the evaluation reads them (effective dates are applied there). */
  async forWorkspace(
    workspaceId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WorkspaceOverride[]> {
    return (await this.forWorkspaces([workspaceId], manager)).get(workspaceId) ?? [];
  }

  /** The same for several workspaces in one query (a publish batch). */
  async forWorkspaces(
    workspaceIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, WorkspaceOverride[]>> {
    const byWorkspace = new Map<string, WorkspaceOverride[]>();
    if (workspaceIds.length === 0) return byWorkspace;
    const rows = await manager
      .getRepository(ComplianceOverride)
      .find({ where: { workspaceId: In([...new Set(workspaceIds)]), retiredAt: IsNull() } });
    for (const row of rows) {
      byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), toDomain(row)]);
    }
    return byWorkspace;
  }

  async list(workspaceId: string, withRetired: boolean, now: Date): Promise<OverrideListDto> {
    const rows = await this.dataSource.getRepository(ComplianceOverride).find({
      where: withRetired ? { workspaceId } : { workspaceId, retiredAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const inForce = rows
      .filter((r) => r.retiredAt === null)
      .map(toDomain)
      .filter((o) => inForceAt(o, now.getTime()));
    return { version: inForce.length > 0 ? overridesVersion(inForce) : null, items: rows.map(toDto) };
  }

  async get(workspaceId: string, id: string): Promise<OverrideDto> {
    const row = await this.dataSource.getRepository(ComplianceOverride).findOne({ where: { id, workspaceId } });
    if (!row) throw new NotFoundError('override', id);
    return toDto(row);
  }

  async create(member: WorkspaceMember, dto: CreateOverrideDto, now: Date): Promise<OverrideDto> {
    const fields = this.validated({ ...dto, effectiveFrom: dto.effectiveFrom ?? now.toISOString().slice(0, 10) });
    return this.dataSource.transaction(async (tx) => {
      // One writer of a workspace's overrides at a time, so the limit holds under concurrent requests.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`overrides:${member.workspaceId}`]);
      const active = await tx
        .getRepository(ComplianceOverride)
        .count({ where: { workspaceId: member.workspaceId, retiredAt: IsNull() } });
      if (active >= MAX_ACTIVE_OVERRIDES) {
        throw new DomainRuleError('OVERRIDE_LIMIT', 'compliance:errors.overrideLimit', { limit: MAX_ACTIVE_OVERRIDES });
      }
      const by = actorLabel(member.actor);
      const row = await tx
        .getRepository(ComplianceOverride)
        .save({ workspaceId: member.workspaceId, version: 1, ...fields, createdBy: by, updatedBy: by, updatedAt: now });
      await this.record(tx, member, 'compliance.override_created', row, null, now);
      return toDto(row);
    });
  }

  async update(member: WorkspaceMember, id: string, dto: UpdateOverrideDto, now: Date): Promise<OverrideDto> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ComplianceOverride);
      const row = await repo.findOne({
        where: { id, workspaceId: member.workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundError('override', id);
      if (row.retiredAt) throw new DomainRuleError('OVERRIDE_RETIRED', 'compliance:errors.overrideRetired', { id });
      const before = toDto(row);
      const current = toDomain(row);
      const fields = this.validated({ ...current, ...dto, kind: current.kind } as OverrideInput);
      Object.assign(row, fields, { version: row.version + 1, updatedBy: actorLabel(member.actor), updatedAt: now });
      const saved = await repo.save(row);
      await this.record(tx, member, 'compliance.override_updated', saved, before, now);
      return toDto(saved);
    });
  }

  /** Ends an override for good; the row stays, so the lexicon that judged earlier posts can still be read. */
  async retire(member: WorkspaceMember, id: string, now: Date): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ComplianceOverride);
      const row = await repo.findOne({
        where: { id, workspaceId: member.workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw new NotFoundError('override', id);
      if (row.retiredAt) return;
      Object.assign(row, {
        retiredAt: now,
        retiredBy: actorLabel(member.actor),
        version: row.version + 1,
        updatedAt: now,
        updatedBy: actorLabel(member.actor),
      });
      await repo.save(row);
      await this.record(tx, member, 'compliance.override_retired', row, null, now);
    });
  }

  private validated(input: OverrideInput): OverrideFields {
    const result = validateOverride(input, this.catalogue);
    if (!result.ok) {
      throw new DomainRuleError(
        'OVERRIDE_INVALID',
        'compliance:errors.overrideInvalid',
        { fields: result.problems.map((p) => p.field).join(', ') },
        result.problems,
      );
    }
    return result.fields;
  }

  /** Audits a change with the version of the overrides in force after it, as evaluations from now on record it. */
  private async record(
    tx: EntityManager,
    member: WorkspaceMember,
    action: string,
    row: ComplianceOverride,
    before: OverrideDto | null,
    now: Date,
  ): Promise<void> {
    const after = toDto(row);
    const inForce = (await this.forWorkspace(member.workspaceId, tx)).filter((o) => inForceAt(o, now.getTime()));
    await this.audit.record(
      {
        workspaceId: member.workspaceId,
        actor: member.actor,
        action,
        subject: `override:${row.id}`,
        data: {
          override: after,
          ...(before ? { before } : {}),
          versionInForce: inForce.length > 0 ? overridesVersion(inForce) : null,
        },
      },
      tx,
    );
  }
}

function toDomain(row: ComplianceOverride): WorkspaceOverride {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind as WorkspaceOverride['kind'],
    language: row.language,
    phrase: row.phrase,
    foldedPhrase: row.foldedPhrase,
    severity: row.severity as WorkspaceOverride['severity'],
    message: row.message,
    ruleId: row.ruleId,
    productCategory: row.productCategory as WorkspaceOverride['productCategory'],
    stage: row.stage,
    effectiveFrom: row.effectiveFrom,
    effectiveUntil: row.effectiveUntil,
  };
}

function toDto(row: ComplianceOverride): OverrideDto {
  const { foldedPhrase: _folded, ...domain } = toDomain(row);
  void _folded;
  return {
    ...domain,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiredBy: row.retiredBy,
  };
}
