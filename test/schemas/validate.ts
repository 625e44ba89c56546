/**
 * A small checker for the JSON Schemas of jumpctl's `--json` output (test/schemas/*.schema.json).
 * It knows the subset of JSON Schema 2020-12 those files use: type, properties, required,
 * additionalProperties, items, enum, const, anyOf, $ref into the same file's $defs, pattern,
 * minimum, minItems; title, description, $schema, $id and $defs are annotations. A schema using
 * any other keyword is refused, so a schema can never check less than it appears to. The files
 * are standard JSON Schema: any validator (ajv, check-jsonschema) reads them the same way.
 */
export type Schema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  'pattern',
  'minimum',
  'minItems',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const fits = (actual: string, wanted: string) =>
  actual === wanted || (wanted === 'number' && actual === 'integer');

/** Every way `value` breaks `schema`, as `path: what` lines; empty when it conforms. */
export function validate(schema: Schema, value: unknown, root: Schema = schema, path = '$'): string[] {
  const out: string[] = [];
  for (const k of Object.keys(schema))
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k))
      throw new Error(`${path}: schema keyword ${k} is not supported`);
  if (typeof schema.$ref === 'string') {
    const m = /^#\/\$defs\/([\w-]+)$/.exec(schema.$ref);
    const target = m ? (root.$defs as Record<string, Schema> | undefined)?.[m[1] as string] : undefined;
    if (!target) throw new Error(`${path}: unresolvable $ref ${schema.$ref}`);
    out.push(...validate(target, value, root, path));
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((w) => fits(t, w))) return [...out, `${path}: ${t}, expected ${types.join(' or ')}`];
  }
  if (schema.const !== undefined && JSON.stringify(value) !== JSON.stringify(schema.const))
    out.push(`${path}: ${JSON.stringify(value)}, expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.anyOf)) {
    const each = (schema.anyOf as Schema[]).map((s) => validate(s, value, root, path));
    if (!each.some((e) => e.length === 0))
      out.push(`${path}: matches none of anyOf:\n    ${each.map((e) => e.join('; ')).join('\n    ')}`);
  }
  if (
    typeof schema.pattern === 'string' &&
    t === 'string' &&
    !new RegExp(schema.pattern, 'u').test(value as string)
  )
    out.push(`${path}: ${JSON.stringify(value)} does not match /${schema.pattern}/`);
  if (typeof schema.minimum === 'number' && typeof value === 'number' && value < schema.minimum)
    out.push(`${path}: ${value} < ${schema.minimum}`);
  if (t === 'array') {
    const list = value as unknown[];
    if (typeof schema.minItems === 'number' && list.length < schema.minItems)
      out.push(`${path}: ${list.length} items, at least ${schema.minItems} expected`);
    if (schema.items !== undefined)
      list.forEach((v, i) => out.push(...validate(schema.items as Schema, v, root, `${path}[${i}]`)));
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[])
      if (!Object.hasOwn(obj, r)) out.push(`${path}: "${r}" is missing`);
    for (const [k, v] of Object.entries(obj)) {
      const at = `${path}.${k}`;
      if (Object.hasOwn(props, k)) out.push(...validate(props[k] as Schema, v, root, at));
      else if (schema.additionalProperties === false) out.push(`${at}: not in the schema`);
      else if (typeof schema.additionalProperties === 'object')
        out.push(...validate(schema.additionalProperties as Schema, v, root, at));
    }
  }
  return out;
}

/**
 * What makes a schema file unfit: a keyword this checker does not know (it would be skipped), or
 * an object schema that does not say what else it allows (additionalProperties), so that a field
 * added to a command's result without its schema would pass unnoticed.
 */
export function schemaProblems(schema: unknown, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  if (Array.isArray(schema)) return schema.flatMap((x, i) => schemaProblems(x, `${path}[${i}]`));
  const s = schema as Schema;
  const out: string[] = [];
  for (const k of Object.keys(s))
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) out.push(`${path}: unsupported keyword ${k}`);
  if (s.properties !== undefined && s.additionalProperties === undefined)
    out.push(`${path}: an object schema without additionalProperties`);
  const sub = (v: unknown, at: string) => schemaProblems(v, at);
  for (const k of ['items', 'additionalProperties'])
    if (typeof s[k] === 'object') out.push(...sub(s[k], `${path}.${k}`));
  if (Array.isArray(s.anyOf)) out.push(...sub(s.anyOf, `${path}.anyOf`));
  for (const map of ['properties', '$defs'])
    for (const [k, v] of Object.entries((s[map] ?? {}) as Record<string, unknown>))
      out.push(...sub(v, `${path}.${map}.${k}`));
  return out;
}
