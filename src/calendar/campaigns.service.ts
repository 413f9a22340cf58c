import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Brand } from '../brands/entities/brand.entity';
import { DomainRuleError, NotFoundError } from '../common/errors/app-error';
import type { WorkspaceMember } from '../common/domain/actor';
import type { CampaignDto, CreateCampaignDto } from './dto/campaign.dto';
import { Campaign } from './entities/campaign.entity';

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(member: WorkspaceMember, dto: CreateCampaignDto): Promise<CampaignDto> {
    if (dto.endsOn < dto.startsOn) {
      throw new DomainRuleError('CAMPAIGN_ENDS_BEFORE_START', 'errors.campaignEndsBeforeStart', {
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
      });
    }
    return this.dataSource.transaction(async (tx) => {
      if (!(await tx.getRepository(Brand).exists({ where: { id: dto.brandId, workspaceId: member.workspaceId } }))) {
        throw new NotFoundError('brand', dto.brandId);
      }
      const campaign = await tx.getRepository(Campaign).save({
        workspaceId: member.workspaceId,
        brandId: dto.brandId,
        name: dto.name,
        description: dto.description ?? null,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
      });
      await this.audit.record(
        {
          workspaceId: member.workspaceId,
          actor: member.actor,
          action: 'campaign.created',
          subject: `campaign:${campaign.id}`,
          data: { ...dto },
        },
        tx,
      );
      return toCampaignDto(campaign);
    });
  }

  async list(workspaceId: string): Promise<CampaignDto[]> {
    const rows = await this.dataSource
      .getRepository(Campaign)
      .find({ where: { workspaceId }, order: { startsOn: 'ASC', id: 'ASC' } });
    return rows.map(toCampaignDto);
  }

  async get(workspaceId: string, id: string): Promise<CampaignDto> {
    const campaign = await this.dataSource.getRepository(Campaign).findOne({ where: { id, workspaceId } });
    if (!campaign) throw new NotFoundError('campaign', id);
    return toCampaignDto(campaign);
  }
}

function toCampaignDto(c: Campaign): CampaignDto {
  return {
    id: c.id,
    name: c.name,
    brandId: c.brandId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    description: c.description,
    createdAt: c.createdAt.toISOString(),
  };
}
