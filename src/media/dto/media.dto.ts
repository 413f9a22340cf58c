import { ApiProperty } from '@nestjs/swagger';
import { MEDIA_MIME_TYPES } from '../domain/media-type';

export class MediaDto {
  @ApiProperty({
    description: "The SHA-256 of the bytes, lowercase hex: the id to use in a post's `media[].mediaId`",
    pattern: '^[0-9a-f]{64}$',
  })
  id: string;

  @ApiProperty({ description: 'Same as `id`, named for what it is', pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ enum: ['image', 'video'] })
  kind: 'image' | 'video';

  @ApiProperty({
    enum: MEDIA_MIME_TYPES,
    description: 'Read from the bytes, not from the file name or the uploaded Content-Type',
  })
  mimeType: string;

  @ApiProperty({ type: 'integer' })
  sizeBytes: number;

  @ApiProperty({ type: 'integer', nullable: true })
  width: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  height: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Videos: the duration in milliseconds, from the file's headers",
  })
  durationMs: number | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  uploadedBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** The multipart body of an upload, for the OpenAPI document. */
export class MediaUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'JPEG, PNG, GIF, WebP, MP4 or QuickTime; the type is read from the content',
  })
  file: unknown;
}
