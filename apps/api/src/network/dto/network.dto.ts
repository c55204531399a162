import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
} from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { CorporateNumberConstraint } from '../../organizations/dto/organization.dto';
import { CRITICALITIES, type Criticality, LINK_STATUSES, type LinkStatus } from '../supply-link.entity';

export const TAG_PATTERN = /^[^\s,;|][^,;|]{0,39}$/;

export class AddSupplierDto {
  @ApiProperty({ example: '東和精密工業株式会社' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '3010001000006', description: '法人番号 (13 digits, check digit first)' })
  @IsOptional()
  @Validate(CorporateNumberConstraint)
  corporateNumber?: string;

  @ApiPropertyOptional({ example: 'security@supplier.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ type: [String], example: ['brakes', 'kyushu'] })
  @IsOptional()
  @ArrayMaxSize(20)
  @MatchesWithin(TAG_PATTERN, 40, { each: true, message: 'each tag must be 1–40 characters without , ; |' })
  tags?: string[];

  @ApiPropertyOptional({ enum: CRITICALITIES, default: 'medium' })
  @IsOptional()
  @IsIn(CRITICALITIES)
  criticality?: Criticality;

  @ApiPropertyOptional({
    description: 'Let your own customers see this supplier as their Tier 2',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  discloseUpstream?: boolean;
}

export class UpdateSupplierLinkDto {
  // Absent leaves the contact as it is; null is not an address (IsOptional would let it through).
  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(20)
  @MatchesWithin(TAG_PATTERN, 40, { each: true, message: 'each tag must be 1–40 characters without , ; |' })
  tags?: string[];

  @ApiPropertyOptional({ enum: CRITICALITIES }) @IsOptional() @IsIn(CRITICALITIES) criticality?: Criticality;
  @ApiPropertyOptional({ enum: LINK_STATUSES }) @IsOptional() @IsIn(LINK_STATUSES) status?: LinkStatus;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() discloseUpstream?: boolean;
}

export class NetworkQueryDto {
  @ApiPropertyOptional({ enum: [1, 2, 3], description: 'Only this tier (default: all tiers)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3)
  tier?: number;

  @ApiPropertyOptional({ description: 'Search in name or 法人番号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class OrgRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class SupplierRefDto extends OrgRefDto {
  @ApiProperty({ type: String, nullable: true }) corporateNumber!: string | null;
}

export class NetworkItemDto {
  @ApiProperty({ format: 'uuid' }) linkId!: string;
  @ApiProperty({ enum: [1, 2, 3] }) tier!: number;
  @ApiProperty({ type: SupplierRefDto }) supplier!: SupplierRefDto;
  @ApiProperty({ type: OrgRefDto, nullable: true, description: 'For Tier 2+: the supplier that declared it' })
  via!: OrgRefDto | null;
  @ApiProperty({ enum: CRITICALITIES }) criticality!: Criticality;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty({ enum: LINK_STATUSES }) status!: LinkStatus;
}

export class NetworkPageDto {
  @ApiProperty({ type: [NetworkItemDto] }) items!: NetworkItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty() total!: number;
}

export class SupplierLinkDto {
  @ApiProperty({ format: 'uuid' }) linkId!: string;
  @ApiProperty({ type: SupplierRefDto }) supplier!: SupplierRefDto;
  @ApiProperty({ enum: CRITICALITIES }) criticality!: Criticality;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true }) contactEmail!: string | null;
  @ApiProperty({ enum: LINK_STATUSES }) status!: LinkStatus;
  @ApiProperty() discloseUpstream!: boolean;
}

export class ImportResultDto {
  @ApiProperty() created!: number;
}
