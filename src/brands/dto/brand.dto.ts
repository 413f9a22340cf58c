import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { BrandProfile } from '../entities/brand.entity';
import { PROFILE_FACTS } from '../../openapi/schema-shapes';

const PROFILE_DOC =
  'Facts per jurisdiction code, as each pack declares them (GET /jurisdictions/:code lists `profileFacts`). ' +
  'Unknown or ill-typed facts are a 400. Facts a brand does not state count as the conservative case.';

export class CreateBrandDto {
  @ApiProperty({ example: 'Nordbank' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Nordbank AG' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  legalName: string;

  @ApiPropertyOptional({
    ...PROFILE_FACTS,
    description: PROFILE_DOC,
    example: {
      DE: { impressumUrl: 'https://nordbank.example/impressum', impressumLinkLabel: 'Impressum' },
      UK: { fcaFrn: '123456', authorised: true },
    },
  })
  @IsOptional()
  @IsObject()
  profile?: BrandProfile;
}

export class UpdateBrandDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  legalName?: string;

  @ApiPropertyOptional({ ...PROFILE_FACTS, description: `${PROFILE_DOC} Replaces the whole profile.` })
  @IsOptional()
  @IsObject()
  profile?: BrandProfile;
}

export class BrandDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() legalName: string;
  @ApiProperty(PROFILE_FACTS) profile: BrandProfile;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
