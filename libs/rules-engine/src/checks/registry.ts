import { bannedProduct } from './banned-product.check';
import { categorySignal } from './category-signal.check';
import { AnyCheckKind } from './check-kind';
import { labelRequired } from './label-required.check';
import { lengthLimit } from './length-limit.check';
import { personalData } from './personal-data.check';
import { profileRequirement } from './profile-requirement.check';
import { prohibitedClaim } from './prohibited-claim.check';
import { representativeExample } from './representative-example.check';
import { requiresDisclosure } from './requires-disclosure.check';
import { requiresFiling } from './requires-filing.check';
import { requiresStage } from './requires-stage.check';
import { retention } from './retention.check';

/** Every check kind a pack may name. Adding a kind is adding a file and a line here. */
export const CHECK_KINDS: ReadonlyMap<string, AnyCheckKind> = new Map(
  [
    requiresDisclosure,
    bannedProduct,
    prohibitedClaim,
    representativeExample,
    labelRequired,
    personalData,
    lengthLimit,
    profileRequirement,
    requiresStage,
    requiresFiling,
    retention,
    categorySignal,
  ].map((kind: AnyCheckKind) => [kind.kind, kind]),
);
