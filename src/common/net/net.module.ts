import { Module } from '@nestjs/common';
import { DestinationGuard } from './destination-guard';
import { HOST_RESOLVER, SystemHostResolver } from './host-resolver';

/** Outgoing network calls: where they may go and how names are resolved. */
@Module({
  providers: [{ provide: HOST_RESOLVER, useClass: SystemHostResolver }, DestinationGuard],
  exports: [DestinationGuard, HOST_RESOLVER],
})
export class NetModule {}
