/** Packs that state no validity window get this one (API.md, "approvalValidityDays"). */
export const DEFAULT_APPROVAL_VALIDITY_DAYS = 30;

/**
 * How long a signature on this post counts: the strictest (shortest) window of its
 * jurisdictions, since the post must satisfy every one of them when it goes out.
 */
export function approvalValidityDays(jurisdictions: readonly { approvalValidityDays?: number | null }[]): number {
  const windows = jurisdictions
    .map((j) => j.approvalValidityDays)
    .filter((days): days is number => typeof days === 'number' && days > 0);
  return windows.length > 0 ? Math.min(...windows) : DEFAULT_APPROVAL_VALIDITY_DAYS;
}

/** The instant an approval stops counting: `days` whole days (of 24 h, in UTC) after it was given. */
export function approvalExpiresAt(decidedAt: Date, days: number): Date {
  return new Date(decidedAt.getTime() + days * 24 * 3600_000);
}

export function isExpired(expiresAt: Date | null, at: Date): boolean {
  return expiresAt !== null && expiresAt.getTime() <= at.getTime();
}
