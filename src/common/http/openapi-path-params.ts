import type { OpenAPIObject } from '@nestjs/swagger';

type Parameter = { name: string; in: string; required?: boolean; schema?: unknown };

/**
 * Declares every `{param}` of a path template that no decorator declared (the workspace id is
 * read by the access guard, not by `@Param`), so the document is valid OpenAPI and a client
 * generated from it knows every path parameter.
 */
export function declarePathParameters(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const operation of Object.values(item as Record<string, { parameters?: Parameter[] }>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const parameters = (operation.parameters ??= []);
      for (const name of names) {
        if (parameters.some((p) => p.in === 'path' && p.name === name)) continue;
        parameters.unshift({ name, in: 'path', required: true, schema: { type: 'string', ...(name === 'workspaceId' ? { format: 'uuid' } : {}) } });
      }
    }
  }
  return document;
}
