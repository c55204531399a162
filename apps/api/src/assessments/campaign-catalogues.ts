import { Injectable } from '@nestjs/common';
import type { Catalogue } from '@tierstar/guidelines';
import type { EntityManager } from 'typeorm';
import { scoringContext, type ScoringContext } from './snapshot';

const CAPACITY = 500;

/**
 * Compiled catalogue snapshots by campaign. A campaign's catalogue never changes after creation, so entries
 * never go stale; the map is bounded (least recently used first out).
 */
@Injectable()
export class CampaignCatalogues {
  private readonly cache = new Map<string, ScoringContext>();

  async get(m: EntityManager, campaignId: string): Promise<ScoringContext> {
    const hit = this.cache.get(campaignId);
    if (hit) {
      this.cache.delete(campaignId);
      this.cache.set(campaignId, hit);
      return hit;
    }
    const rows = await m.query<{ catalogue: Catalogue }[]>('SELECT catalogue FROM campaigns WHERE id = $1', [
      campaignId,
    ]);
    if (!rows[0]) throw new Error(`campaign ${campaignId} has no catalogue`);
    const ctx = scoringContext(rows[0].catalogue);
    this.remember(campaignId, ctx);
    return ctx;
  }

  remember(campaignId: string, ctx: ScoringContext): void {
    this.cache.set(campaignId, ctx);
    if (this.cache.size > CAPACITY) this.cache.delete(this.cache.keys().next().value!);
  }
}
