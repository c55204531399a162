import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  type ValidatorConstraintInterface,
  Validate,
  ValidateNested,
  ValidatorConstraint,
} from 'class-validator';
import { MatchesWithin } from '../../common/matches-within';
import { USER_LOCALES, type UserLocale } from '../../users/user.entity';
import { isValidCorporateNumber } from '../corporate-number';
import { MEMBER_ROLES, type MemberRole } from '../membership.entity';
import { SIZE_BANDS, type SizeBand } from '../organization.entity';

@ValidatorConstraint({ name: 'corporateNumber' })
export class CorporateNumberConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidCorporateNumber(value);
  }
  defaultMessage(): string {
    return 'corporateNumber must be a 13-digit 法人番号 with a valid check digit';
  }
}

export class OrganizationInputDto {
  @ApiProperty({ example: 'サンプル自動車株式会社' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '1180301018771', description: '法人番号 (13 digits, check digit first)' })
  @IsOptional()
  @Validate(CorporateNumberConstraint)
  corporateNumber?: string;

  @ApiProperty({ enum: SIZE_BANDS })
  @IsIn(SIZE_BANDS)
  sizeBand!: SizeBand;

  @ApiPropertyOptional({ example: '自動車製造業' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industry?: string;
}

export class SignupUserDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password!: string;
  @ApiPropertyOptional({ enum: USER_LOCALES }) @IsOptional() @IsIn(USER_LOCALES) locale?: UserLocale;
}

export class SignupDto {
  @ApiProperty({ type: OrganizationInputDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OrganizationInputDto)
  organization!: OrganizationInputDto;

  @ApiProperty({ type: SignupUserDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SignupUserDto)
  user!: SignupUserDto;
}

/** Sign-up recorded: a verification link is on its way to the address (the same answer whatever it holds). */
export class SignupAcceptedDto {
  @ApiProperty() email!: string;
}

/** The emailed verification link's token and the password chosen at sign-up. */
export class VerifySignupDto {
  @ApiProperty() @IsString() @MatchesWithin(/^[\w-]{43}$/, 43) token!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) password!: string;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) corporateNumber!: string | null;
  @ApiProperty({ enum: SIZE_BANDS, nullable: true }) sizeBand!: SizeBand | null;
  @ApiProperty() industry!: string;
}

export class CreateInvitationDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) @IsIn(MEMBER_ROLES) role!: MemberRole;
}

/** The invitation is recorded and its link emailed to the invitee only (the link is never in an answer). */
export class InvitationCreatedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty() expiresAt!: Date;
}

export class InvitationTokenDto {
  @ApiProperty() @IsString() @MatchesWithin(/^[\w-]{43}$/, 43) token!: string;
}

/** What the holder of an invitation link is invited to, and whether they must sign in to accept it. */
export class InvitationPreviewDto {
  @ApiProperty() organizationName!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty() expiresAt!: Date;
  /** The address already has an account: accepting needs that account's session (no name or password). */
  @ApiProperty() accountExists!: boolean;
  /** This browser is signed in as that account. */
  @ApiProperty() signedInAsInvitee!: boolean;
}

/**
 * Accepting an invitation. For an address without an account, `name` and `password` create it. For an
 * address that has one, the caller must be signed in as that account; then only the membership is added.
 */
export class AcceptInvitationDto extends InvitationTokenDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ minLength: 10 })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password?: string;
}

export class MemberDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
}
