import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../identity/entities/user.entity';
import { Workspace } from '../../identity/entities/workspace.entity';
import type { FeedFilter } from '../feed-filter';

/**
 * A subscribed calendar feed of one member. Only the SHA-256 of its token is stored; the
 * token is the whole credential (calendar clients send no other auth) and grants nothing else.
 */
@Entity('feeds')
export class Feed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('feeds_workspace_idx')
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id', foreignKeyConstraintName: 'feeds_workspace_id_fkey' })
  workspace?: Workspace;

  /** The member whose view the feed shows (their roles decide what `mine` means). */
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'feeds_user_id_fkey' })
  user?: User;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filter: FeedFilter;

  @Index('feeds_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
