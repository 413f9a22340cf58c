import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Makes the one Clock available to every module (registered once, in AppModule). */
@Global()
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {
  /**
   * The same global module standing on a given clock instead of the wall clock: what
   * `createApp({ clock })` swaps in for scenario tests that run on fixed instants.
   */
  static using(clock: Clock): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
