// Request bodies from the API's own OpenAPI 3.1 schemas, as fast-check arbitraries: values that look valid (they
// follow types, enums, patterns and bounds) and the same values with one field turned hostile, dropped or added.
import fc from 'fast-check';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function nested(depth: number): unknown[] {
  return depth === 0 ? [] : [nested(depth - 1)];
}

/**
 * The catalogue of hostile values: numbers at and past every limit, numbers as text that no parser should take for
 * numbers, 30-digit decimals, injection strings, unicode edge cases, and shapes of the wrong kind.
 */
export const HOSTILE_VALUES: readonly unknown[] = [
  1e308,
  -1e308,
  -1,
  0,
  2 ** 31,
  2 ** 53 + 1,
  0.1,
  -0.005,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x10',
  '123456789012345678901234567890.123456789012345678901234567890',
  '999999999999999999999999999999',
  '-12.505',
  '12,50',
  ' 12.50 ',
  "'; drop table members; --",
  "' or '1'='1",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  '\u0000',
  '\ud800',
  '\u202eevil',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂 ﷽ العربية',
  'a'.repeat(70_000),
  '',
  '   ',
  null,
  true,
  [],
  {},
  nested(40),
  JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  '2026-02-30',
  '0000-00-00',
  '9999-99-99',
];

export const hostileValue = fc.constantFrom(...HOSTILE_VALUES);

/** Resolves `$ref`s against the document's components. */
export class SchemaArbitraries {
  constructor(private readonly components: Record<string, JsonSchema>) {}

  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = this.components[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return this.resolve(target);
  }

  /** A value that follows the schema (as far as a generator can: formats and patterns are followed). */
  valid(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((s) => this.valid(s, depth + 1)));
    if (schema.allOf) return this.valid(Object.assign({}, ...schema.allOf.map((s) => this.resolve(s))), depth);
    const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['object'];
    return fc.oneof(...types.map((type) => this.ofType(type, schema, depth)));
  }

  private ofType(type: string, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
        return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
      }
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'string':
        return this.string(schema);
      case 'array': {
        const items = schema.items ? this.valid(schema.items, depth + 1) : fc.anything();
        return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, depth > 2 ? 1 : 3) });
      }
      default: {
        const properties = schema.properties ?? {};
        const required = new Set(schema.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, property] of Object.entries(properties)) record[name] = this.valid(property, depth + 1);
        return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
      }
    }
  }

  private string(schema: JsonSchema): fc.Arbitrary<string> {
    const bounded = (a: fc.Arbitrary<string>) =>
      a.filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Number.MAX_SAFE_INTEGER));
    if (schema.format === 'date') {
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    }
    if (schema.format === 'date-time') {
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    }
    if (schema.format === 'email') return fc.emailAddress();
    if (schema.pattern) {
      try {
        return bounded(fc.stringMatching(new RegExp(schema.pattern)));
      } catch {
        // a pattern fast-check cannot invert: plain strings, refused or not
      }
    }
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
  }

  /**
   * A valid-looking value with one thing wrong, anywhere in it (a line's quantity as well as a top field): set to a
   * hostile value, dropped, or joined by an unknown field; or the whole body replaced by a hostile value.
   */
  mutated(input: JsonSchema): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 1, arbitrary: hostileValue },
      {
        weight: 5,
        arbitrary: fc.tuple(this.valid(input), fc.nat(), hostileValue, fc.nat(2)).map(([value, pick, hostile, how]) => {
          const copy = structuredClone(value);
          const holders = containers(copy);
          const holder = holders[pick % Math.max(holders.length, 1)];
          if (!holder) return hostile;
          const keys = Object.keys(holder);
          const key = keys.length > 0 ? (keys[pick % keys.length] as string) : '0';
          if (how === 0 && keys.length > 0) delete (holder as Record<string, unknown>)[key];
          else if (how === 1 && !Array.isArray(holder)) (holder as Record<string, unknown>).unexpectedField = hostile;
          else (holder as Record<string, unknown>)[key] = hostile;
          return copy;
        }),
      },
    );
  }
}

/** Every object and array inside a value, itself included. */
function containers(value: unknown, found: object[] = []): object[] {
  if (value && typeof value === 'object') {
    found.push(value);
    for (const inner of Object.values(value)) containers(inner, found);
  }
  return found;
}
