import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Facts per jurisdiction code, as declared by that jurisdiction's pack (e.g. `DE.impressumUrl`). */
export type BrandProfile = Record<string, Record<string, string | number | boolean>>;

/** A legal entity that publishes: a bank, a broker, a lender. */
@Entity('brands')
export class Brand {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('brands_workspace_idx')
  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'legal_name', type: 'varchar', length: 300 })
  legalName: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  profile: BrandProfile;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
