import { Global, Module } from '@nestjs/common';
import { TxEvents } from './tx-events';

/** The one in-transaction event registry (registered once, in AppModule). */
@Global()
@Module({
  providers: [TxEvents],
  exports: [TxEvents],
})
export class TxEventsModule {}
