import type { INestApplicationContext } from '@nestjs/common';

type Class = abstract new (...args: never[]) => unknown;

/**
 * class-validator's view of the Nest container, for validators that need the app (e.g. the loaded
 * jurisdictions). Asked for every custom constraint on every request, Nest throws (and builds a
 * stack trace) for each class it does not provide, which under load cost more CPU than the
 * validation itself. The answer per class never changes once the app is built, so it is
 * remembered; `undefined` lets class-validator fall back to its own container (`fallback: true`).
 */
export function nestValidatorContainer(app: INestApplicationContext): { get(someClass: Class): unknown } {
  const known = new Map<Class, unknown>();
  return {
    get(someClass: Class): unknown {
      if (!known.has(someClass)) known.set(someClass, lookUp(app, someClass));
      return known.get(someClass);
    },
  };
}

function lookUp(app: INestApplicationContext, someClass: Class): unknown {
  try {
    return app.get(someClass, { strict: false });
  } catch {
    return undefined;
  }
}
