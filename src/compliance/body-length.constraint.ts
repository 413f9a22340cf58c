import { bodyLengthProblem, CHANNELS, type Channel } from '@preclear/rules-engine';
import { InputError } from '../common/errors/app-error';
import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

function channelsOf(args: ValidationArguments): Channel[] {
  const channels = (args.object as { channels?: unknown }).channels;
  if (!Array.isArray(channels)) return [];
  return channels.filter((c): c is Channel => (CHANNELS as readonly unknown[]).includes(c));
}

/**
 * `body` fits the absolute maximum (MAX_BODY_LENGTH) and the limit of every channel the same
 * DTO names, counted as the channel counts. An update without `channels` is checked against
 * the stored channels by the service (PostsService), with the same function.
 */
@ValidatorConstraint({ name: 'fitsChannels' })
export class FitsChannels implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string') return true; // @IsString reports it
    return bodyLengthProblem(value, channelsOf(args)) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    const problem = typeof args.value === 'string' ? bodyLengthProblem(args.value, channelsOf(args)) : null;
    return bodyLengthMessage(args.property, problem);
  }
}

export function bodyLengthMessage(property: string, problem: ReturnType<typeof bodyLengthProblem>): string {
  if (problem === null) return `${property} is too long`;
  if (problem.channel === null) return `${property} must be at most ${problem.limit} characters (it has ${problem.length})`;
  return `${property} must be at most ${problem.limit} characters on ${problem.channel} (it counts ${problem.length})`;
}

/** The same check for a merged update (body from the request, channels stored, or the reverse): a 400 naming body. */
export function assertBodyFits(body: string, channels: readonly Channel[]): void {
  const problem = bodyLengthProblem(body, channels);
  if (problem === null) return;
  throw new InputError('VALIDATION_FAILED', 'errors.validation', { fields: 'body' }, [
    { field: 'body', constraints: { fitsChannels: bodyLengthMessage('body', problem) } },
  ]);
}
