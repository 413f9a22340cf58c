import type { OpenAPIObject } from '@nestjs/swagger';
import { applyApiConventions, ERROR_BODY_REF } from './api-conventions';

function documentWith(paths: OpenAPIObject['paths'], schemas: Record<string, object> = {}): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

describe('applyApiConventions', () => {
  it('declares the undeclared path parameters first, workspaceId and id as UUIDs, and keeps declared ones', () => {
    const doc = applyApiConventions(
      documentWith({
        '/w/{workspaceId}/posts/{id}/revisions/{n}': {
          get: {
            parameters: [
              { name: 'n', in: 'path', required: true, schema: { type: 'number' } },
              { name: 'against', in: 'query', schema: { type: 'number' } },
            ],
            responses: { 200: { description: 'ok' } },
            security: [{ bearer: [] }],
          },
        },
      }),
    );
    const parameters = doc.paths['/w/{workspaceId}/posts/{id}/revisions/{n}'].get!.parameters as {
      name: string;
      in: string;
      schema: object;
    }[];
    expect(parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:workspaceId',
      'path:id',
      'path:n',
      'query:against',
    ]);
    expect(parameters[0].schema).toEqual({ type: 'string', format: 'uuid' });
    expect(parameters[2].schema).toEqual({ type: 'number' });
  });

  it('documents 400/401/403/404 of a workspace operation and the 409 it declared, all with the error body', () => {
    const doc = applyApiConventions(
      documentWith({
        '/w/{workspaceId}/posts': {
          post: {
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { 201: { description: 'created' }, 409: { description: 'stale' } },
            security: [{ bearer: [] }],
          },
        },
      }),
    );
    const responses = doc.paths['/w/{workspaceId}/posts'].post!.responses as Record<
      string,
      { content?: Record<string, { schema: object }> }
    >;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '404', '409']);
    for (const status of ['400', '401', '403', '404', '409']) {
      expect(responses[status].content!['application/json'].schema).toEqual({ $ref: ERROR_BODY_REF });
    }
    expect(responses['201'].content).toBeUndefined();
  });

  it('marks public operations with an empty security requirement and gives them no 401/403', () => {
    const doc = applyApiConventions(
      documentWith({ '/health': { get: { responses: { 200: { description: 'ok' } } } } }),
    );
    const operation = doc.paths['/health'].get!;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.responses)).toEqual(['200']);
  });

  it('types nullable references as objects (OpenAPI 3.0 ignores nullable without a type)', () => {
    const doc = applyApiConventions(
      documentWith(
        {},
        {
          A: { type: 'object', properties: { b: { nullable: true, allOf: [{ $ref: '#/components/schemas/B' }] } } },
          B: { type: 'object', properties: {} },
        },
      ),
    );
    expect((doc.components!.schemas!.A as { properties: Record<string, object> }).properties.b).toEqual({
      type: 'object',
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/B' }],
    });
  });
});
