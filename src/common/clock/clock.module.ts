import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Makes the one Clock available to every module (registered once, in AppModule). */
@Global()
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
