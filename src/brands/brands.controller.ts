import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import type { WorkspaceMember } from '../common/domain/actor';
import { CurrentMember, Roles } from '../identity/access.decorators';
import { READ_ROLES } from '../identity/roles';
import { BrandsService } from './brands.service';
import { BrandDto, CreateBrandDto, UpdateBrandDto } from './dto/brand.dto';

@ApiTags('brands')
@ApiBearerAuth()
@Controller('workspaces/:workspaceId/brands')
export class BrandsController {
  constructor(private readonly brands: BrandsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a brand (legal entity) with its per-jurisdiction profile facts' })
  @ApiCreatedResponse({ type: BrandDto })
  create(@CurrentMember() member: WorkspaceMember, @Body() dto: CreateBrandDto): Promise<BrandDto> {
    return this.brands.create(member, dto);
  }

  @Get()
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'List brands' })
  @ApiOkResponse({ type: [BrandDto] })
  list(@CurrentMember() member: WorkspaceMember): Promise<BrandDto[]> {
    return this.brands.list(member.workspaceId);
  }

  @Get(':id')
  @Roles(...READ_ROLES)
  @ApiOperation({ summary: 'One brand' })
  @ApiOkResponse({ type: BrandDto })
  get(@CurrentMember() member: WorkspaceMember, @Param('id', new ParseIdPipe('brand')) id: string): Promise<BrandDto> {
    return this.brands.get(member.workspaceId, id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a brand; `profile` replaces the whole profile' })
  @ApiOkResponse({ type: BrandDto })
  update(
    @CurrentMember() member: WorkspaceMember,
    @Param('id', new ParseIdPipe('brand')) id: string,
    @Body() dto: UpdateBrandDto,
  ): Promise<BrandDto> {
    return this.brands.update(member, id, dto);
  }
}
