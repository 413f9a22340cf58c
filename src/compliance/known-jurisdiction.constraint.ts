import { Injectable } from '@nestjs/common';
import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { describeConstraint } from '../common/errors/validation-details';
import { ComplianceService } from './compliance.service';

/**
 * A jurisdiction code (or list of codes) of a loaded pack. Checked in the validation pipe,
 * with every other field, so one 400 names an unknown jurisdiction next to a bad product
 * category. Nest builds it (class-validator uses the app's container, see bootstrap.ts);
 * outside an app there are no packs to check against and the services' own check applies.
 */
@Injectable()
@ValidatorConstraint({ name: 'isKnownJurisdiction' })
export class KnownJurisdictionConstraint implements ValidatorConstraintInterface {
  constructor(private readonly compliance?: ComplianceService) {}

  validate(value: unknown): boolean {
    const compliance = this.compliance;
    if (!compliance) return true;
    const codes = Array.isArray(value) ? value : [value];
    return codes.every((code) => typeof code !== 'string' || compliance.hasJurisdiction(code));
  }
}

describeConstraint('isKnownJurisdiction', (value) => ({
  code: 'isKnownJurisdiction',
  params: { value: (Array.isArray(value) ? value : [value]).map(String).join(', ').slice(0, 200) },
}));
