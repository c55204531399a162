import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { MEMBER_ROLES, type MemberRole } from '../../organizations/membership.entity';
import { USER_LOCALES, type UserLocale } from '../../users/user.entity';

export class LoginDto {
  @ApiProperty({ example: 'procurement@oem.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class CsrfTokenDto {
  @ApiProperty()
  token!: string;
}

export class MeUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: USER_LOCALES }) locale!: UserLocale;
}

export class MeMembershipDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
}

export class MeDto {
  @ApiProperty({ type: MeUserDto }) user!: MeUserDto;
  @ApiProperty({ type: [MeMembershipDto] }) memberships!: MeMembershipDto[];
}

/** Someone signed in through an emailed link sets their name and first password. */
export class ClaimAccountDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) password!: string;
}

/** A signed-in person changes their password; every session of the account ends. */
export class ChangePasswordDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) currentPassword!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200) newPassword!: string;
}

export class SessionsEndedDto {
  /** How many sessions were ended (this browser's included). */
  @ApiProperty() ended!: number;
}
