/**
 * Cheap checks in front of the zod schemas (STYLE.md practice 2: check
 * cheap discriminators first, validate once), for the records that make up
 * most of a log. When every field of a record has the type its schema
 * expects, so that no `.catch` fires and no default applies, the schema's
 * output is known without running it: the known keys in the schema's
 * order, unknown keys stripped, arrays and objects copied, and a key whose
 * value is undefined present exactly when the input has it (zod's rule for
 * object properties). A {@link Shape} builds that output; any other record
 * gives {@link MISS} and goes to zod, which decides what the schema says.
 * test/fast-schemas.test.ts holds each fast shape to its zod schema.
 */

/** A field that is not of the happy type: the record goes to zod. */
export const MISS: unique symbol = Symbol('miss');
export type Miss = typeof MISS;

/** One field's happy-path check and output: the value zod would output, or MISS. */
export type Field = (v: unknown) => unknown;

/** zod's object test: a non-null, non-array object. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `z.string()`. */
export const str: Field = (v) => (typeof v === 'string' ? v : MISS);
/** `z.string().optional()` (and `.catch(undefined)`, which the happy path never needs). */
export const optStr: Field = (v) => (v === undefined || typeof v === 'string' ? v : MISS);
/** `z.number()` (zod 4: finite) and `z.number().finite()`. */
export const num: Field = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : MISS);
/** `z.number().finite().optional()`. */
export const optNum: Field = (v) => (v === undefined || (typeof v === 'number' && Number.isFinite(v)) ? v : MISS);
/** `z.unknown()` and `z.unknown().optional()`: anything, as is. */
export const any: Field = (v) => v;
/** `z.literal(value)`. */
export const literal = (value: string): Field => (v) => (v === value ? v : MISS);

/**
 * `z.object(shape)` (strip) on the happy path: the listed keys, in this
 * order. Compiled to straight-line code with the keys as literals (what
 * zod itself does): a loop over the keys reads and writes properties by
 * computed name, which costs more than the schema it stands in for. Where
 * code cannot be generated (--disallow-code-generation-from-strings), the
 * same steps run as a loop.
 */
export function shape(fields: readonly (readonly [string, Field])[]): Field {
  return compiled(fields) ?? looped(fields);
}

function compiled(fields: readonly (readonly [string, Field])[]): Field | null {
  const lines = fields.map(([key], i) => {
    const k = JSON.stringify(key);
    return `v = f[${i}](input[${k}]); if (v === MISS) return MISS; if (v !== undefined || ${k} in input) out[${k}] = v;`;
  });
  const body = `return function (input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return MISS;
    const out = {};
    let v;
    ${lines.join('\n    ')}
    return out;
  };`;
  try {
    // The keys are this module's literals, never log data.
    return new Function('f', 'MISS', body)(fields.map(([, field]) => field), MISS) as Field;
  } catch {
    return null;
  }
}

/** @internal {@link shape} without generated code (exported for its test). */
export function looped(fields: readonly (readonly [string, Field])[]): Field {
  return (input) => {
    if (!isObject(input)) return MISS;
    const out: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = field(input[key]);
      if (value === MISS) return MISS;
      if (value !== undefined || key in input) out[key] = value;
    }
    return out;
  };
}

/** `z.array(item)`: a new array of the items' outputs. */
export function arrayOf(item: Field): Field {
  return (input) => {
    if (!Array.isArray(input)) return MISS;
    const out: unknown[] = new Array(input.length);
    for (let i = 0; i < input.length; i++) {
      const value = item(input[i]);
      if (value === MISS) return MISS;
      out[i] = value;
    }
    return out;
  };
}

/** `.optional()` of a field: undefined passes as is. */
export const optional = (field: Field): Field => (v) => (v === undefined ? v : field(v));

/** The token usage object (schemas.ts tokenUsageSchema): every count as recorded. */
export const usage = shape([
  ['input_tokens', any],
  ['output_tokens', any],
  ['cache_read_tokens', any],
  ['cache_write_tokens', any],
  ['total_tokens', any],
]);

/** schemas.ts toolCallSchema. */
export const toolCall = shape([
  ['id', optStr],
  ['name', str],
  ['arguments', any],
]);

/** schemas.ts contentSchema: a string, an array of parts (copied), null, or nothing. */
export const content: Field = (v) => (v === undefined || v === null || typeof v === 'string' ? v : Array.isArray(v) ? v.slice() : MISS);

/** schemas.ts chatMessageSchema. */
export const chatMessage = shape([
  ['role', str],
  ['content', content],
  ['tool_calls', optional(arrayOf(toolCall))],
  ['tool_call_id', optStr],
  ['name', optStr],
]);
