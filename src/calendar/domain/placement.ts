import { DomainRuleError } from '../../common/errors/app-error';
import type { PostContent } from './post-content';

/**
 * A platform-placed ad is paid by definition: `platformAd` without `paid` is a contradiction
 * that would also switch off the label rules for a post nobody pays to place.
 */
export function assertPlacement(content: Pick<PostContent, 'paid' | 'platformAd'>): void {
  if (content.platformAd === true && !content.paid) {
    throw new DomainRuleError('PLATFORM_AD_NOT_PAID', 'errors.validation', { fields: 'platformAd' }, [
      {
        field: 'platformAd',
        constraints: {
          platformAdRequiresPaid: 'platformAd: true needs paid: true (an ad placed through the platform is paid)',
        },
      },
    ]);
  }
}
