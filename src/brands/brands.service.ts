import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/app-error';
import { ValidationFailedError } from '../common/errors/validation-details';
import { ComplianceService } from '../compliance/compliance.service';
import type { WorkspaceMember } from '../common/domain/actor';
import { validateBrandProfile } from './brand-profile.validator';
import type { BrandDto, CreateBrandDto, UpdateBrandDto } from './dto/brand.dto';
import { Brand, type BrandProfile } from './entities/brand.entity';

@Injectable()
export class BrandsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
  ) {}

  async create(member: WorkspaceMember, dto: CreateBrandDto): Promise<BrandDto> {
    const profile = this.checkedProfile(dto.profile ?? {});
    return this.dataSource.transaction(async (tx) => {
      const brand = await tx
        .getRepository(Brand)
        .save({ workspaceId: member.workspaceId, name: dto.name, legalName: dto.legalName, profile });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'brand.created',
          subject: `brand:${brand.id}`,
          data: { name: brand.name, profile },
        },
        tx,
      );
      return toBrandDto(brand);
    });
  }

  async list(workspaceId: string): Promise<BrandDto[]> {
    const brands = await this.dataSource
      .getRepository(Brand)
      .find({ where: { workspaceId }, order: { name: 'ASC', id: 'ASC' } });
    return brands.map(toBrandDto);
  }

  async get(workspaceId: string, id: string): Promise<BrandDto> {
    return toBrandDto(await this.find(workspaceId, id));
  }

  /** The brand entity of this workspace, or a 404. */
  async find(workspaceId: string, id: string): Promise<Brand> {
    const brand = await this.dataSource.getRepository(Brand).findOne({ where: { id, workspaceId } });
    if (!brand) throw new NotFoundError('brand', id);
    return brand;
  }

  async update(member: WorkspaceMember, id: string, dto: UpdateBrandDto): Promise<BrandDto> {
    const profile = dto.profile === undefined ? undefined : this.checkedProfile(dto.profile);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Brand);
      const brand = await repo.findOne({
        where: { id, workspaceId: member.workspaceId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!brand) throw new NotFoundError('brand', id);
      if (dto.name !== undefined) brand.name = dto.name;
      if (dto.legalName !== undefined) brand.legalName = dto.legalName;
      if (profile !== undefined) brand.profile = profile;
      const saved = await repo.save(brand);
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'brand.updated',
          subject: `brand:${id}`,
          data: { ...dto },
        },
        tx,
      );
      return toBrandDto(saved);
    });
  }

  private checkedProfile(profile: BrandProfile): BrandProfile {
    const problems = validateBrandProfile(profile, this.compliance.profileFactsSchema());
    if (problems.length > 0) {
      throw new ValidationFailedError(problems);
    }
    return profile;
  }
}

export function toBrandDto(brand: Brand): BrandDto {
  return {
    id: brand.id,
    name: brand.name,
    legalName: brand.legalName,
    profile: brand.profile,
    createdAt: brand.createdAt.toISOString(),
    updatedAt: brand.updatedAt.toISOString(),
  };
}
