import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VerifyProblemDto {
  @ApiProperty({
    enum: [
      'chain_broken',
      'checkpoint_mismatch',
      'chain_truncated',
      'checkpoint_signature_invalid',
      'archive_record_altered',
    ],
  })
  code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'The entry the problem is about' }) seq?: number;
}

export class VerifiedCheckpointDto {
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty() signedAt: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ description: 'Whether the chain still has this hash at this seq' }) matches: boolean;
}

export class AlteredArchiveRecordDto {
  @ApiProperty() id: string;
  @ApiProperty() postId: string;
  @ApiProperty() revision: number;
  @ApiProperty({
    enum: ['revision_missing', 'revision_altered', 'hash_mismatch', 'content_altered', 'approvals_altered'],
  })
  problem: string;
}

export class ArchiveVerificationDto {
  @ApiProperty({ description: 'Archive records re-derived from their revisions' }) records: number;
  @ApiProperty() altered: number;
  @ApiProperty({ type: [AlteredArchiveRecordDto], description: 'The first 100 altered records' })
  alteredRecords: AlteredArchiveRecordDto[];
}

export class AuditVerifyDto {
  @ApiProperty({ description: 'No problem of any kind' }) ok: boolean;
  @ApiProperty() entries: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The first entry known to be broken, missing or rewritten',
  })
  firstBrokenSeq: number | null;
  @ApiProperty({ type: [VerifyProblemDto] }) problems: VerifyProblemDto[];
  @ApiProperty({ nullable: true, type: VerifiedCheckpointDto, description: 'The latest validly signed checkpoint' })
  checkpoint: VerifiedCheckpointDto | null;
  @ApiProperty({ type: ArchiveVerificationDto }) archive: ArchiveVerificationDto;
}

export class CheckpointDto {
  @ApiProperty({ description: 'The workspace id' }) chain: string;
  @ApiProperty() seq: number;
  @ApiProperty() hash: string;
  @ApiProperty() signedAt: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ description: 'Base64 Ed25519 signature of signedMessage' }) signature: string;
  @ApiProperty({
    description: 'The exact UTF-8 bytes that were signed (canonical JSON of chain, seq, hash, signedAt, keyId)',
  })
  signedMessage: string;
  @ApiProperty({ description: '`system` (periodic) or the member who asked' }) createdBy: string;
}

export class SigningPublicKeyDto {
  @ApiProperty({ example: 'Ed25519' }) algorithm: string;
  @ApiProperty() keyId: string;
  @ApiProperty({ description: 'SPKI PEM' }) pem: string;
}

export class CheckpointExportDto {
  @ApiProperty({
    type: SigningPublicKeyDto,
    description: 'Verify every signature with this key, kept apart from the database',
  })
  publicKey: SigningPublicKeyDto;
  @ApiProperty({ type: [CheckpointDto] }) items: CheckpointDto[];
}
