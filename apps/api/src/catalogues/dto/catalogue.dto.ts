import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { IMPORT_FORMATS, type ImportFormat } from '../imported-catalogue.entity';

export const SCORING_KINDS = ['levels', 'points', 'checklist'] as const;
export const CROSSWALK_RELATIONS = ['equal', 'subset', 'superset', 'intersect'] as const;
export const CROSSWALK_SOURCES = ['official', 'tierstar', 'hint'] as const;
export const CATALOGUE_ID_PATTERN = /^[A-Z0-9][\w.+-]{0,63}$/i;

export class LocalizedTextDto {
  @ApiProperty({ example: 'ガバナンスの整備' }) ja!: string;
  @ApiProperty({ example: 'Governance' }) en!: string;
}

export class CatalogueListQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Also list this organization's imported catalogues (members with a read role only)",
  })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class CatalogueListItemDto {
  @ApiProperty({ example: 'meti-scs' }) id!: string;
  @ApiProperty({ example: '2026-03-27' }) version!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ enum: SCORING_KINDS }) scoring!: (typeof SCORING_KINDS)[number];
  @ApiProperty({ description: 'Not an official scheme (★5 profile)' }) provisional!: boolean;
  @ApiProperty({ enum: ['built-in', 'imported'] }) origin!: 'built-in' | 'imported';
  @ApiPropertyOptional({ format: 'uuid', description: 'Only for imported catalogues' }) importId?: string;
}

export class CatalogueListDto {
  @ApiProperty({ type: [CatalogueListItemDto] }) items!: CatalogueListItemDto[];
}

export class LevelDto {
  @ApiProperty({ example: 3 }) rank!: number;
  @ApiProperty({ type: LocalizedTextDto }) label!: LocalizedTextDto;
  @ApiProperty() provisional!: boolean;
}

export class CriterionNodeDto {
  @ApiProperty({ example: '1-1-1-1' }) id!: string;
  @ApiPropertyOptional({ example: '1-1-1' }) requirementId?: string;
  @ApiProperty({ description: 'Rank of the level that first requires this criterion', example: 3 })
  level!: number;
  @ApiProperty({ description: 'The level that first requires it is provisional (★5)' }) provisional!: boolean;
  @ApiPropertyOptional({ enum: ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'] }) csf?: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: LocalizedTextDto }) explanation!: LocalizedTextDto;
  @ApiPropertyOptional({ description: "Publisher's wording (imported catalogues only)" })
  officialText?: string;
  @ApiPropertyOptional({ description: 'For composed profiles: the catalogue the item comes from' })
  sourceCatalogueId?: string;
}

export class RequirementNodeDto {
  @ApiProperty({ example: '1-1-1' }) id!: string;
  @ApiProperty({ example: 3 }) level!: number;
  @ApiProperty() provisional!: boolean;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiPropertyOptional({ type: LocalizedTextDto }) explanation?: LocalizedTextDto;
  @ApiPropertyOptional() officialText?: string;
  @ApiProperty({ type: [CriterionNodeDto] }) criteria!: CriterionNodeDto[];
}

export class SubgroupNodeDto {
  @ApiProperty({ example: '1-1' }) id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: [RequirementNodeDto] }) requirements!: RequirementNodeDto[];
}

export class GroupNodeDto {
  @ApiProperty({ example: '1' }) id!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ type: [SubgroupNodeDto] }) subgroups!: SubgroupNodeDto[];
  @ApiProperty({ type: [RequirementNodeDto], description: 'Requirements not in a subgroup' })
  requirements!: RequirementNodeDto[];
  @ApiProperty({ type: [CriterionNodeDto], description: 'Criteria not under a requirement (JAMA, IPA)' })
  criteria!: CriterionNodeDto[];
}

export class DecisionDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() field!: string;
  @ApiProperty() chosen!: string;
  @ApiProperty({ type: [String] }) alternatives!: string[];
  @ApiProperty() reason!: string;
}

export class CatalogueSourceDto {
  @ApiProperty() description!: string;
  @ApiPropertyOptional() url?: string;
  @ApiPropertyOptional() sha256?: string;
}

export class CatalogueCountsDto {
  @ApiProperty() groups!: number;
  @ApiProperty() requirements!: number;
  @ApiProperty() criteria!: number;
}

export class CatalogueTreeDto {
  @ApiProperty({ example: 'meti-scs' }) id!: string;
  @ApiProperty({ example: '2026-03-27' }) version!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty() publisher!: string;
  @ApiProperty({ description: 'ISO date; empty when unknown' }) publishedOn!: string;
  @ApiProperty({ enum: SCORING_KINDS }) scoring!: (typeof SCORING_KINDS)[number];
  @ApiProperty({ enum: ['own-words', 'official'] }) wording!: 'own-words' | 'official';
  @ApiProperty() provisional!: boolean;
  @ApiProperty({ type: CatalogueSourceDto }) source!: CatalogueSourceDto;
  @ApiProperty({ type: [LevelDto] }) levels!: LevelDto[];
  @ApiProperty({ type: CatalogueCountsDto }) counts!: CatalogueCountsDto;
  @ApiProperty({ type: [GroupNodeDto] }) groups!: GroupNodeDto[];
  @ApiProperty({ type: [DecisionDto] }) decisions!: DecisionDto[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Only for imported catalogues' }) importId?: string;
}

export class CrosswalkItemRefDto {
  @ApiProperty({ example: 'jama-japia' }) catalogueId!: string;
  @ApiProperty({ example: 'No.1' }) itemId!: string;
}

export class CrosswalkLinkDto {
  @ApiProperty({ type: CrosswalkItemRefDto, description: 'Always the requested criterion' })
  from!: CrosswalkItemRefDto;
  @ApiProperty({ type: CrosswalkItemRefDto }) to!: CrosswalkItemRefDto;
  @ApiProperty({ enum: CROSSWALK_RELATIONS, description: 'Read as "from <relation> to"' })
  relation!: (typeof CROSSWALK_RELATIONS)[number];
  @ApiProperty({ enum: CROSSWALK_SOURCES, description: 'hint: a loose pointer only, never used to prefill' })
  source!: (typeof CROSSWALK_SOURCES)[number];
  @ApiProperty({
    enum: ['outgoing', 'incoming'],
    description: 'outgoing: stored from this catalogue; incoming: stored the other way and turned round',
  })
  direction!: 'outgoing' | 'incoming';
  @ApiPropertyOptional() note?: string;
}

export class CrosswalkResultDto {
  @ApiProperty() catalogueId!: string;
  @ApiProperty() version!: string;
  @ApiProperty() criterionId!: string;
  @ApiProperty({ type: [CrosswalkLinkDto] }) links!: CrosswalkLinkDto[];
}

export class ImportCatalogueDto {
  @ApiPropertyOptional({
    enum: IMPORT_FORMATS,
    description: 'Default: sniffed (.xlsx by ZIP magic bytes, JSON by a leading "{", else CSV)',
  })
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  format?: ImportFormat;

  @ApiPropertyOptional({ example: 'meti-scs', description: "Default: the importer's choice" })
  @IsOptional()
  @MatchesWithin(CATALOGUE_ID_PATTERN, 64, { message: 'catalogueId must be 1–64 letters, digits, . _ + -' })
  catalogueId?: string;

  @ApiPropertyOptional({ example: '2026-03-27', description: "Default: the importer's choice" })
  @IsOptional()
  @MatchesWithin(CATALOGUE_ID_PATTERN, 64, { message: 'version must be 1–64 letters, digits, . _ + -' })
  version?: string;
}

export class CatalogueDiffChangeDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String], example: ['level', 'title.ja'] }) fields!: string[];
}

export class CatalogueDiffDto {
  @ApiProperty({ format: 'uuid', description: 'The imported version compared against' })
  againstImportId!: string;
  @ApiProperty() againstVersion!: string;
  @ApiProperty({ type: [String] }) added!: string[];
  @ApiProperty({ type: [String] }) removed!: string[];
  @ApiProperty({ type: [CatalogueDiffChangeDto] }) changed!: CatalogueDiffChangeDto[];
}

export class ImportWarningDto {
  @ApiProperty({ example: 'catalog.controls[3]' }) where!: string;
  @ApiProperty({ type: LocalizedTextDto }) message!: LocalizedTextDto;
}

export class ImportCatalogueResultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() catalogueId!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ enum: IMPORT_FORMATS }) sourceFormat!: ImportFormat;
  @ApiProperty({ minLength: 64, maxLength: 64 }) sha256!: string;
  @ApiProperty({ type: CatalogueCountsDto }) counts!: CatalogueCountsDto;
  @ApiPropertyOptional({ type: CatalogueDiffDto, description: 'Against the previous imported version' })
  diff?: CatalogueDiffDto;
  @ApiProperty({ type: [ImportWarningDto] }) warnings!: ImportWarningDto[];
}

export class ImportedCatalogueSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() catalogueId!: string;
  @ApiProperty() version!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ enum: SCORING_KINDS }) scoring!: (typeof SCORING_KINDS)[number];
  @ApiProperty({ enum: IMPORT_FORMATS }) sourceFormat!: ImportFormat;
  @ApiProperty({ minLength: 64, maxLength: 64 }) sha256!: string;
  @ApiProperty({ type: CatalogueCountsDto }) counts!: CatalogueCountsDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}

export class ImportedCatalogueListDto {
  @ApiProperty({ type: [ImportedCatalogueSummaryDto] }) items!: ImportedCatalogueSummaryDto[];
}
