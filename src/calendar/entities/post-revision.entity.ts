import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PostContent } from '../domain/post-content';

/** An immutable snapshot of a post's content; the database refuses UPDATE and DELETE. */
@Entity('post_revisions')
@Index('post_revisions_post_number_key', ['postId', 'number'], { unique: true })
export class PostRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'post_id', type: 'uuid' })
  postId: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ type: 'jsonb' })
  content: PostContent;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
