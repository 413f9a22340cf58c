/**
 * Crisis pauses and blackouts are scoped by optional facets; a facet left null matches
 * everything, so a pause with no facet stops the whole workspace.
 */
export interface RestrictionScope {
  brandId: string | null;
  jurisdiction: string | null;
  channel?: string | null;
}

/** The facts of a post that a restriction can name. */
export interface ScopedPost {
  brandId: string;
  jurisdictions: readonly string[];
  channels: readonly string[];
}

export interface TimeWindow {
  startsAt: Date;
  endsAt: Date;
}

/**
 * A post is caught when every facet the scope names matches it. A channel-scoped pause holds
 * the whole post, not just that channel: a post goes out as one approved unit, and a partial
 * publication would leave the other channels contradicting a crisis statement.
 */
export function inScope(scope: RestrictionScope, post: ScopedPost): boolean {
  if (scope.brandId !== null && scope.brandId !== post.brandId) return false;
  if (scope.jurisdiction !== null && !post.jurisdictions.includes(scope.jurisdiction)) return false;
  if (scope.channel !== undefined && scope.channel !== null && !post.channels.includes(scope.channel)) return false;
  return true;
}

/** Windows are half-open, [startsAt, endsAt): a post at the very end instant is outside. */
export function covers(window: TimeWindow, instant: Date): boolean {
  const t = instant.getTime();
  return window.startsAt.getTime() <= t && t < window.endsAt.getTime();
}

export function firstPauseFor<P extends RestrictionScope>(pauses: readonly P[], post: ScopedPost): P | undefined {
  return pauses.find((pause) => inScope(pause, post));
}

export function firstBlackoutFor<B extends RestrictionScope & TimeWindow>(
  blackouts: readonly B[],
  post: ScopedPost,
  instant: Date,
): B | undefined {
  return blackouts.find((blackout) => covers(blackout, instant) && inScope(blackout, post));
}
