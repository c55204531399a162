import { Module } from '@nestjs/common';
import { NetworkController } from './network.controller';
import { NetworkService } from './network.service';
import { SupplierRequestsController } from './supplier-requests.controller';
import { SupplierRequestsService } from './supplier-requests.service';

@Module({
  controllers: [NetworkController, SupplierRequestsController],
  providers: [NetworkService, SupplierRequestsService],
})
export class NetworkModule {}
