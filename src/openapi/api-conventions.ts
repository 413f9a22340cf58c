import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * What every operation of the API has in common, written once instead of on each of ~50
 * handlers: the path parameters the routes take (a client cannot call a path whose
 * `{workspaceId}` is undeclared), and the error responses the guard, the validation pipe and
 * the exception filter produce, all with the one error body (ErrorBodyDto).
 */

export const ERROR_BODY_REF = '#/components/schemas/ErrorBodyDto';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** Path parameters of known meaning; any other `{name}` is a plain string unless the handler declares it. */
const KNOWN_PATH_PARAMETERS: Record<string, { description: string; format?: string }> = {
  workspaceId: { description: 'The workspace; one the caller is not a member of is a 404', format: 'uuid' },
  id: { description: 'The resource id; an unknown one, or one of another workspace, is a 404', format: 'uuid' },
  userId: { description: 'The user id', format: 'uuid' },
};

/** Why the standard errors happen, per status. */
const STANDARD_ERRORS: Record<number, string> = {
  400: 'Input of the wrong shape (VALIDATION_FAILED names every bad field in `details`), or malformed JSON',
  401: 'No bearer token, or an invalid, expired or revoked one',
  403: 'The caller lacks the role the operation needs (FORBIDDEN_ROLE)',
  404: 'No such resource in this workspace, or a workspace the caller is not a member of (NOT_FOUND)',
};

export function applyApiConventions(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // Public operations say so (an empty requirement) rather than leaving it unsaid.
      operation.security ??= [];
      declarePathParameters(path, operation);
      addStandardErrors(path, operation);
      giveErrorsTheErrorBody(operation);
    }
  }
  for (const schema of Object.values(document.components?.schemas ?? {})) typeNullableReferences(schema);
  return document;
}

/**
 * OpenAPI 3.0 only honours `nullable` beside a `type`: a nullable reference (`allOf: [$ref]`,
 * as Nest writes `type: SomeDto, nullable: true`) also says it is an object.
 */
function typeNullableReferences(schema: SchemaObject | ReferenceObject): void {
  if (isReference(schema)) return;
  if (schema.nullable && schema.type === undefined && schema.allOf) schema.type = 'object';
  for (const property of Object.values(schema.properties ?? {})) typeNullableReferences(property);
  if (schema.items) typeNullableReferences(schema.items);
}

function declarePathParameters(path: string, operation: OperationObject): void {
  const declared = new Set(
    (operation.parameters ?? [])
      .filter(isParameter)
      .filter((p) => p.in === 'path')
      .map((p) => p.name),
  );
  const missing = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => !declared.has(name));
  const added: ParameterObject[] = missing.map((name) => {
    const known = KNOWN_PATH_PARAMETERS[name];
    return {
      name,
      in: 'path',
      required: true,
      description: known?.description,
      schema: { type: 'string', ...(known?.format ? { format: known.format } : {}) },
    };
  });
  // Path parameters first, in path order: generated clients take them positionally.
  operation.parameters = [...added, ...(operation.parameters ?? [])];
  for (const parameter of operation.parameters.filter(isParameter)) {
    const known = KNOWN_PATH_PARAMETERS[parameter.name];
    if (parameter.in !== 'path' || !known?.format) continue;
    parameter.description ??= known.description;
    parameter.schema = { type: 'string', format: known.format };
  }
}

function addStandardErrors(path: string, operation: OperationObject): void {
  const secured = (operation.security ?? []).length > 0;
  const takesInput =
    operation.requestBody !== undefined || (operation.parameters ?? []).some((p) => isParameter(p) && p.in === 'query');
  const hasPathParameters = path.includes('{');
  const statuses: number[] = [];
  if (takesInput) statuses.push(400);
  if (secured) statuses.push(401);
  if (secured && path.includes('{workspaceId}')) statuses.push(403);
  if (hasPathParameters) statuses.push(404);
  for (const status of statuses) {
    operation.responses[status] ??= { description: STANDARD_ERRORS[status] };
  }
}

function giveErrorsTheErrorBody(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) < 400 || !response || isReference(response)) continue;
    const declared = response;
    declared.content ??= { 'application/json': { schema: { $ref: ERROR_BODY_REF } } };
  }
}

function isParameter(value: ParameterObject | ReferenceObject): value is ParameterObject {
  return !isReference(value);
}

function isReference(value: object): value is ReferenceObject {
  return '$ref' in value;
}
