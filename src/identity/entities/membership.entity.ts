import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MemberQualification, Role } from '../../common/domain/roles';
import { User } from './user.entity';
import { Workspace } from './workspace.entity';

export type { MemberQualification };

@Entity('memberships')
@Index('memberships_workspace_user_key', ['workspaceId', 'userId'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @ManyToOne(() => Workspace, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: Workspace;

  @Index('memberships_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  qualification: MemberQualification;

  /** Preferred language of the member's labels (feeds, e-mails). */
  @Column({ type: 'varchar', length: 5, default: 'en' })
  language: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
