import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../common/errors/app-error';
import { FieldRefusedError, ValidationFailedError } from '../common/errors/validation-details';
import type { WorkspaceMember } from '../common/domain/actor';
import { readUploadFacts } from './domain/media-facts';
import type { MediaDto } from './dto/media.dto';
import { Media } from './entities/media.entity';
import { MEDIA_STORE, type MediaStore } from './store/media-store';

/** The part of a multipart upload the service reads. */
export interface UploadedPart {
  buffer: Buffer;
}

/** How many uploads a listing shows (newest first); the picker needs the recent ones. */
const LIST_LIMIT = 200;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Uploaded media of a workspace: checks what the bytes are, stores them once under their hash,
 * records who uploaded them (one row per workspace), and reads them back verified.
 */
@Injectable()
export class MediaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
    private readonly audit: AuditService,
  ) {}

  async upload(member: WorkspaceMember, part: UploadedPart | undefined): Promise<MediaDto> {
    if (!part || part.buffer.length === 0) throw new ValidationFailedError([{ field: 'file', code: 'required' }]);
    const sha256 = sha256Hex(part.buffer);
    const facts = readUploadFacts(part.buffer, sha256);
    if (facts === 'type') {
      throw new FieldRefusedError(415, 'UNSUPPORTED_MEDIA_TYPE', [{ field: 'file', code: 'mediaType' }]);
    }
    if (facts === 'unreadable') throw new ValidationFailedError([{ field: 'file', code: 'mediaUnreadable' }]);
    // Bytes first: a row must never name bytes the store does not hold.
    await this.store.put(sha256, part.buffer, facts.mimeType);
    const row = await this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO media (workspace_id, sha256, mime_type, kind, size_bytes, width, height, duration_ms, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (workspace_id, sha256) DO NOTHING RETURNING sha256`,
        [
          member.workspaceId,
          sha256,
          facts.mimeType,
          facts.kind,
          facts.sizeBytes,
          facts.width,
          facts.height,
          facts.durationMs,
          member.userId,
        ],
      );
      if (inserted.length > 0) {
        await this.audit.record(
          {
            workspaceId: member.workspaceId,
            actor: member.actor,
            action: 'media.uploaded',
            subject: `media:${sha256}`,
            data: { mimeType: facts.mimeType, sizeBytes: facts.sizeBytes, width: facts.width, height: facts.height },
          },
          tx,
        );
      }
      return tx.getRepository(Media).findOneByOrFail({ workspaceId: member.workspaceId, sha256 });
    });
    return toMediaDto(row);
  }

  async get(workspaceId: string, id: string): Promise<MediaDto> {
    return toMediaDto(await this.find(workspaceId, id));
  }

  async list(workspaceId: string): Promise<MediaDto[]> {
    const rows = await this.dataSource
      .getRepository(Media)
      .find({ where: { workspaceId }, order: { createdAt: 'DESC' }, take: LIST_LIMIT });
    return rows.map(toMediaDto);
  }

  /** The row of this workspace, or a 404 (also when another workspace uploaded the same bytes). */
  async find(workspaceId: string, id: string): Promise<Media> {
    const row = SHA256_HEX.test(id)
      ? await this.dataSource.getRepository(Media).findOneBy({ workspaceId, sha256: id })
      : null;
    if (!row) throw new NotFoundError('media', id.slice(0, 64));
    return row;
  }

  /** The metadata and the bytes, or a 404. */
  async content(workspaceId: string, id: string): Promise<{ media: Media; bytes: Buffer }> {
    const media = await this.find(workspaceId, id);
    return { media, bytes: await this.readVerified(media.sha256) };
  }

  /**
   * The stored bytes, checked against their hash: a store that answered other bytes (damaged,
   * or swapped behind our back) must never be served or published as the approved image.
   */
  async readVerified(sha256: string): Promise<Buffer> {
    const bytes = await this.store.get(sha256);
    if (!bytes) throw new Error(`media ${sha256} is missing from the media store`);
    if (sha256Hex(bytes) !== sha256) throw new Error(`media ${sha256} in the media store does not match its hash`);
    return bytes;
  }

  /** Several rows of one workspace by hash, for checking a post's media. */
  async findMany(workspaceId: string, ids: readonly string[]): Promise<Map<string, Media>> {
    const valid = [...new Set(ids.filter((id) => SHA256_HEX.test(id)))];
    if (valid.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Media)
      .createQueryBuilder('m')
      .where('m.workspace_id = :workspaceId AND m.sha256 IN (:...valid)', { workspaceId, valid })
      .getMany();
    return new Map(rows.map((r) => [r.sha256, r]));
  }
}

export function toMediaDto(row: Media): MediaDto {
  return {
    id: row.sha256,
    sha256: row.sha256,
    kind: row.kind,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
