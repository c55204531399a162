import { Module } from '@nestjs/common';
import { CataloguesController, OrgCataloguesController } from './catalogues.controller';
import { CataloguesService } from './catalogues.service';

@Module({
  controllers: [CataloguesController, OrgCataloguesController],
  providers: [CataloguesService],
})
export class CataloguesModule {}
