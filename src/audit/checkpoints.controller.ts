import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorLabel, type WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { CheckpointsService, toSigned } from './checkpoints.service';
import { checkpointMessage } from './domain/checkpoint';
import { CheckpointDto, CheckpointExportDto } from './dto/evidence.dto';
import type { AuditCheckpoint } from './entities/audit-checkpoint.entity';

@ApiTags('evidence')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Needs the auditor or admin role' })
@ApiNotFoundResponse({ description: 'Not a member of this workspace' })
@Controller('workspaces/:workspaceId/audit/checkpoints')
export class CheckpointsController {
  constructor(private readonly checkpoints: CheckpointsService) {}

  @Post()
  @HttpCode(201)
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Sign the current head of the audit chain now (checkpoints are also signed periodically)' })
  @ApiCreatedResponse({ type: CheckpointDto })
  async create(@CurrentMember() member: WorkspaceMember): Promise<CheckpointDto> {
    return toCheckpointDto(await this.checkpoints.checkpoint(member.workspaceId, actorLabel(member.actor)));
  }

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({ summary: 'Export every signed checkpoint with the public key, to keep outside the database' })
  @ApiOkResponse({ type: CheckpointExportDto })
  async export(@CurrentMember() member: WorkspaceMember): Promise<CheckpointExportDto> {
    const { keyId, publicKeyPem } = this.checkpoints.publicKey;
    const items = await this.checkpoints.list(member.workspaceId);
    return { publicKey: { algorithm: 'Ed25519', keyId, pem: publicKeyPem }, items: items.map(toCheckpointDto) };
  }
}

function toCheckpointDto(checkpoint: AuditCheckpoint): CheckpointDto {
  return {
    chain: checkpoint.chain,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
    signedMessage: checkpointMessage(toSigned(checkpoint)).toString('utf8'),
    createdBy: checkpoint.createdBy,
  };
}
