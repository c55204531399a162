import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { decodeCursor, encodeCursor } from './cursor';

/** Items per page when the caller does not say, and the most a caller may ask for. */
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/**
 * The one page query: an opaque keyset cursor from the previous page and a page size. List endpoints extend
 * it with their filters; none has a silent cap — a caller pages until `nextCursor` is null.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

/** A page of items and the cursor of the next one (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The response shape of every paged endpoint (extend it with `@ApiProperty({ type: [ItemDto] }) items`). */
export class PageDto {
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A keyset position: the sort key values of the last item of a page. */
export type Keyset = readonly (string | number)[];

/** The keyset a request continues after (undefined on the first page); a foreign cursor is 400 INVALID_CURSOR. */
export function afterKeyset<K extends Keyset>(
  query: PageQueryDto,
  accept: (value: unknown) => value is K,
): K | undefined {
  return query.cursor ? decodeCursor(query.cursor, accept) : undefined;
}

/** How many rows to fetch: one more than the page, to know whether there is a next page. */
export const fetchSize = (query: PageQueryDto): number => (query.limit ?? DEFAULT_PAGE_SIZE) + 1;

/** Cuts the fetched rows (fetchSize of them at most) to a page, with the cursor after its last item. */
export function pageOf<R, T>(
  rows: R[],
  query: PageQueryDto,
  keysetOf: (row: R) => Keyset,
  toItem: (row: R) => T,
): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keysetOf(last)) : null,
  };
}
