/**
 * OpenAPI shapes for the JSON maps the API returns, so that no property is an untyped
 * `object`: a generated client gets `Record<string, ...>` rather than `unknown`.
 */

/** A JSON object whose keys depend on the data (rule parameters, error details, jsonb columns). */
export const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

/** A map of string to string (e.g. jurisdiction code -> pack version). */
export const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** Brand profile facts: jurisdiction code -> fact name -> value. */
export const PROFILE_FACTS = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: true },
} as const;
