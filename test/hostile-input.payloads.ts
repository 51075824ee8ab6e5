import { randomUUID } from 'node:crypto';

/** The marker the reflected-HTML check looks for; an escaping page shows it as &lt;script&gt;. */
export const scriptMarker = '<script>hostile()</script>';
export const attributeMarker = '"><img src=x onerror=hostile()>';

/** Strings that have broken parsers, databases and templates before. */
export const hostileStrings: Readonly<Record<string, string>> = {
  long: 'A'.repeat(100_000),
  unicode: '\u202Egnp.exe\u202C مرحبا שלום 👩‍💻🔥 \uFEFF\u200B Ω≈ç√',
  nul: 'a\u0000b\u0000',
  sql: "' OR 1=1 --",
  html: `${scriptMarker}${attributeMarker}`,
};

/** Values of the wrong JSON type; one whose type the schema allows is skipped (it would be valid). */
const wrongTypes: ReadonlyArray<readonly [string, unknown]> = [
  ['number', 12345],
  ['boolean', true],
  ['null', null],
  ['array', ['a', 1]],
  ['object', { $gt: '', nested: { a: 1 } }],
];

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  minLength?: number;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters?: Array<{ name: string; in: 'path' | 'query'; schema: JsonSchema }>;
  readonly requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface HostileRequest {
  readonly label: string;
  readonly path: string;
  readonly json?: unknown;
  readonly form?: Record<string, string | string[]>;
  readonly raw?: string;
  readonly contentType?: string;
}

/** A plausible value for a schema, so that one hostile field is the only thing wrong. */
export function sample(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const first = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (first) return sample(first);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') {
    if (schema.format === 'email') return 'hostile.probe@example.com';
    if (schema.format === 'uuid') return randomUUID();
    return 'probe value'.padEnd(schema.minLength ?? 0, '.');
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'array') return [];
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v)]));
  return 'probe value';
}

function allowsType(schema: JsonSchema, kind: string): boolean {
  const types = [schema.type, ...(schema.anyOf ?? []).map((s) => s.type), ...(schema.oneOf ?? []).map((s) => s.type)].flat().filter(Boolean);
  return types.includes(kind) || (kind === 'number' && types.includes('integer'));
}

/** Fills path parameters: the given value for one, a fresh uuid for the others. */
function pathWith(op: Operation, override?: { name: string; value: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(override?.name === name ? override.value : randomUUID()));
}

/** Every hostile variant of one operation, built only from its OpenAPI description. */
export function hostileRequests(op: Operation): HostileRequest[] {
  const out: HostileRequest[] = [];
  const path = pathWith(op);
  for (const param of op.parameters ?? []) {
    if (param.in === 'path') {
      for (const [label, value] of [['not-a-uuid', 'not-a-uuid'], ['300 chars', 'x'.repeat(300)], ['sql', hostileStrings.sql!], ['html', scriptMarker], ['unicode', '👩‍💻\u202E'], ['dot-dot', '..']] as const) {
        out.push({ label: `path ${param.name}: ${label}`, path: pathWith(op, { name: param.name, value }) });
      }
    } else {
      for (const [label, value] of Object.entries(hostileStrings)) out.push({ label: `query ${param.name}: ${label}`, path: `${path}?${new URLSearchParams({ [param.name]: value })}` });
      out.push({ label: `query ${param.name}: repeated`, path: `${path}?${param.name}=a&${param.name}=b` });
      out.push({ label: `query ${param.name}: bad percent-encoding`, path: `${path}?${param.name}=%E0%A4%A` });
    }
  }
  out.push({ label: 'unknown query: html', path: `${path}?unexpected=${encodeURIComponent(scriptMarker)}&next=${encodeURIComponent(scriptMarker)}` });
  const body = op.requestBody?.content;
  if (!body) {
    // Routes that take no body still get one: the parser runs before the route can ignore it.
    if (op.method !== 'GET') out.push(...malformedBodies(path));
    return out;
  }
  const [contentType, { schema }] = Object.entries(body)[0]!;
  const properties = schema.properties ?? {};
  const baseline = sample({ ...schema, type: 'object' }) as Record<string, unknown>;
  const asForm = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v ?? '')]));
  for (const [name, propertySchema] of Object.entries(properties)) {
    for (const [label, value] of wrongTypes) {
      if (!allowsType(propertySchema, label)) out.push({ label: `json ${name}: ${label}`, path, json: { ...baseline, [name]: value } });
    }
    for (const [label, value] of Object.entries(hostileStrings)) {
      out.push(contentType === 'application/json' ? { label: `json ${name}: ${label}`, path, json: { ...baseline, [name]: value } } : { label: `form ${name}: ${label}`, path, form: asForm({ ...baseline, [name]: value }) });
    }
    if (contentType !== 'application/json') {
      out.push({ label: `form ${name}: repeated`, path, form: asForm({ ...baseline, [name]: ['a', 'b'] }) });
      out.push({ label: `form ${name}: bracketed`, path, raw: `${name}[a]=1&${name}[b][c]=2`, contentType });
    }
  }
  for (const name of schema.required ?? []) {
    const { [name]: _missing, ...rest } = baseline;
    out.push({ label: `missing ${name}`, path, ...(contentType === 'application/json' ? { json: rest } : { form: asForm(rest) }) });
  }
  out.push({ label: 'empty object', path, json: {} });
  out.push(...malformedBodies(path));
  return out;
}

function malformedBodies(path: string): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const [label, raw] of [['array root', '[1,2]'], ['string root', '"text"'], ['null root', 'null'], ['truncated', '{"email":'], ['not json', 'not json'], ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`], ['proto pollution', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}']] as const) {
    out.push({ label: `malformed json: ${label}`, path, raw, contentType: 'application/json' });
  }
  out.push({ label: 'text/plain body', path, raw: scriptMarker, contentType: 'text/plain' });
  out.push({ label: 'form: broken percent-encoding', path, raw: 'a=%E0%A4%A&b=%', contentType: 'application/x-www-form-urlencoded' });
  return out;
}
