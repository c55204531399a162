import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { NetworkController } from './network.controller';
import { NetworkService } from './network.service';

@Module({
  imports: [OrganizationsModule],
  controllers: [NetworkController],
  providers: [NetworkService],
})
export class NetworkModule {}
