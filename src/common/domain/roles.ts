/**
 * The roles of API.md. A member may hold several. Defined here, below every module, because the
 * actor of every audited change carries them; identity grants them.
 */
export const ROLES = ['admin', 'marketer', 'reviewer', 'principal', 'publisher', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** What an approver's signature carries besides the name, e.g. a FINRA principal's CRD number. */
export interface MemberQualification {
  crdNumber?: string;
  licences?: string[];
  title?: string;
}
