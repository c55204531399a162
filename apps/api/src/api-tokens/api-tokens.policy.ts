import { API_TOKEN_PREFIX } from '../auth/tokens';
import type { ApiTokenRow } from './api-tokens.repository';
import type { ApiTokenDto } from './dto/api-token.dto';

/** Whether a presented bearer value can be an API token at all (checked before any lookup). */
export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX) && value.length <= 200;
}

/** A token's name as stored: trimmed (the DTO already bounds its length). */
export const tokenName = (name: string): string => name.trim();

export const toApiTokenDto = (r: ApiTokenRow): ApiTokenDto => ({
  id: r.id,
  name: r.name,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});
