import { bodyLengthProblem, CHANNELS, type Channel } from '@preclear/rules-engine';
import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { describeConstraint, type FieldProblem } from '../common/errors/validation-details';

function channelsOf(object: object): Channel[] {
  const channels = (object as { channels?: unknown }).channels;
  if (!Array.isArray(channels)) return [];
  return channels.filter((c): c is Channel => (CHANNELS as readonly unknown[]).includes(c));
}

/**
 * Why `body` is too long, as a field problem the 400 translates: over the absolute maximum
 * (MAX_BODY_LENGTH) or over one channel's limit, counted as that channel counts.
 */
export function bodyLengthProblems(body: string, channels: readonly Channel[], field = 'body'): FieldProblem[] {
  const problem = bodyLengthProblem(body, channels);
  if (problem === null) return [];
  const params = { limit: problem.limit, length: problem.length };
  return [
    problem.channel === null
      ? { field, code: 'bodyTooLong', params }
      : { field, code: 'bodyTooLongForChannel', params: { ...params, channel: problem.channel } },
  ];
}

/**
 * `body` fits the absolute maximum and the limit of every channel the same DTO names. An update
 * without `channels` is checked against the stored channels by PostsService, with bodyLengthProblems.
 */
@ValidatorConstraint({ name: 'fitsChannels' })
export class FitsChannels implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    if (typeof value !== 'string') return true; // @IsString reports it
    return bodyLengthProblem(value, channelsOf(args.object)) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} is too long`;
  }
}

describeConstraint('fitsChannels', (value, object) => {
  const [problem] = typeof value === 'string' ? bodyLengthProblems(value, channelsOf(object)) : [];
  return problem ?? { code: 'invalid' };
});
