import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type request from 'supertest';

type Schema = Record<string, unknown>;
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/**
 * OpenAPI 3.0 schema -> JSON Schema for Ajv: `nullable` becomes a union with null, and every
 * object with declared properties is closed (`additionalProperties: false` unless it says
 * otherwise), so a field the route returns but the document does not declare fails too.
 */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === 'example' || key === 'nullable') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', '#/definitions/');
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    } else out[key] = toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return (schema as Schema).nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** Checks real responses against the response schemas the served OpenAPI document declares. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: { method: string; template: string; pattern: RegExp }[] = [];
  readonly checked = new Set<string>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    const definitions = Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, s]) => [name, toJsonSchema(s)]),
    );
    this.ajv.addSchema({ $id: 'openapi', definitions });
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
      for (const method of Object.keys(item)) this.templates.push({ method: method.toUpperCase(), template, pattern });
    }
  }

  /** Fails (throws with the Ajv errors) unless the response's status and body are as documented. */
  check(res: request.Response): void {
    const req = (res as unknown as { req: { method: string; path: string } }).req;
    const path = req.path.split('?')[0];
    const route = this.templates.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) throw new Error(`${req.method} ${path} is not in the OpenAPI document`);
    const operation = this.document.paths[route.template][route.method.toLowerCase()];
    const response = operation.responses[String(res.status)];
    if (!response) {
      throw new Error(
        `${route.method} ${route.template} answered ${res.status}, which is not documented (${Object.keys(operation.responses).join(', ')})`,
      );
    }
    const schema = response.content?.['application/json']?.schema;
    this.checked.add(`${route.method} ${route.template} ${res.status}`);
    if (!schema) {
      if (res.status !== 204 && res.text) {
        throw new Error(`${route.method} ${route.template} ${res.status} returned a body but documents none`);
      }
      return;
    }
    const key = `${route.method} ${route.template} ${res.status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(this.withRefsInto(schema) as Schema);
      this.validators.set(key, validate);
    }
    if (!validate(res.body)) {
      throw new Error(
        `${key}: the body does not match the documented schema:\n${this.ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(res.body).slice(0, 2000)}`,
      );
    }
  }

  /** The response schema, its references pointing into the document's definitions. */
  private withRefsInto(schema: Schema): unknown {
    return JSON.parse(JSON.stringify(toJsonSchema(schema)).replace(/"#\/definitions\//g, '"openapi#/definitions/'));
  }
}
