import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'Power BI (procurement dashboard)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class ApiTokenDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
}

export class ApiTokenCreatedDto extends ApiTokenDto {
  @ApiProperty({
    description: 'The secret, shown only this once: send it as "Authorization: Bearer <token>"',
  })
  token!: string;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto] }) items!: ApiTokenDto[];
}
