import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { User } from '../../identity/entities/user.entity';
import { Workspace } from '../../identity/entities/workspace.entity';

/**
 * An uploaded image or video of one workspace, named by the SHA-256 of its bytes (which is also
 * its id in the API and in a post's media). The bytes live once in the media store, however many
 * workspaces upload them; this row is what lets a workspace use them. Written once, never
 * changed: an approved revision names the hash, and the hash names exactly these bytes.
 */
@Entity('media')
@Index('media_workspace_created_idx', ['workspaceId', 'createdAt'])
@Check('media_sha256_check', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('media_kind_check', `"kind" IN ('image', 'video')`)
export class Media {
  @ForeignKey(() => Workspace, { name: 'media_workspace_fkey' })
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid', primaryKeyConstraintName: 'media_pkey' })
  workspaceId: string;

  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'media_pkey' })
  sha256: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 64 })
  mimeType: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'image' | 'video';

  @Column({ name: 'size_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;

  @ForeignKey(() => User, { name: 'media_uploaded_by_fkey' })
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
