import type { CreateBrandDto } from '../brands/dto/brand.dto';

/** A bank active in seven markets, with the profile facts each pack reads. */
export const DEMO_BRAND: CreateBrandDto = {
  name: 'Harbor Bank',
  legalName: 'Harbor Bank AG',
  profile: {},
};
