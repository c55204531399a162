import { ApiProperty } from '@nestjs/swagger';

/** A text in both languages every person-facing string comes in. */
export class LocalizedTextDto {
  @ApiProperty() ja!: string;
  @ApiProperty() en!: string;
}
