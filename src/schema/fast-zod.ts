/**
 * The validator of the common case (docs/performance.md, « Chargement »): the functions of zod/mini
 * that the schema is written with (operation.ts, lines.ts, primitives.ts build it with either), each
 * making a small node that accepts a value or not, without zod's machinery. Building zod's schema
 * and its first parse were ~9 ms of every start, code that runs once per process.
 *
 * It accepts a value only when it is sure that zod accepts it, and then gives zod's output: new
 * objects and arrays, the keys of an object in the order of its schema, a record's in the data's
 * order, every other value as it is. Anything unusual is refused (undefined): values that are not
 * the plain data YAML gives (prototypes other than Object's and Array's, `undefined`, holes, symbol
 * keys, `__proto__`), and every invalid value, for which zod's schema (operationFile()) says what
 * is wrong. test/fast-zod.test.ts compares both on every YAML file of the repository, on generated
 * and on mutated operations.
 */
import type { Z } from './primitives';

/** A value this validator does not accept (zod's schema then says why, or accepts it). */
const NO: unique symbol = Symbol('refused');
type Out = unknown;
type Check = (v: never) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.getOwnPropertySymbols(v).length === 0;
};
const isPlainArray = (v: unknown): v is unknown[] => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;

/** No checks: shared by every node without any (most of them; fewer objects made at start). */
const NONE: readonly Check[] = Object.freeze([]);

abstract class Node {
  /** zod's checks (`.check(…)`): each must pass, on the value the node gives. */
  checks: readonly Check[] = NONE;
  /** The output for `v`, or NO. */
  protected abstract base(v: unknown): Out;
  run(v: unknown): Out {
    const out = this.base(v);
    if (out === NO) return NO;
    for (const c of this.checks) if (!(c as (x: unknown) => boolean)(out)) return NO;
    return out;
  }
  /** As zod/mini's `.check`: a new node with these checks added. */
  check(...cs: Check[]): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.checks = [...this.checks, ...cs];
    return copy;
  }
}

class NumberNode extends Node {
  constructor(private readonly int: boolean) { super(); }
  protected base(v: unknown): Out {
    // z.number(): finite (not NaN, not ±Infinity); z.int(): a safe integer
    return typeof v === 'number' && (this.int ? Number.isSafeInteger(v) : Number.isFinite(v)) ? v : NO;
  }
}
class StringNode extends Node {
  protected base(v: unknown): Out { return typeof v === 'string' ? v : NO; }
}
class BooleanNode extends Node {
  protected base(v: unknown): Out { return typeof v === 'boolean' ? v : NO; }
}
class UnknownNode extends Node {
  protected base(v: unknown): Out { return v; }
}
/** z.enum and z.literal: one of the values (SameValueZero, as zod's Set). */
class ValuesNode extends Node {
  private set: Set<unknown> | undefined;
  constructor(private readonly values: readonly unknown[]) { super(); }
  protected base(v: unknown): Out { return (this.set ??= new Set(this.values)).has(v) ? v : NO; }
}
/** The first option that accepts the value gives it (zod's union on a value that is valid). */
class UnionNode extends Node {
  constructor(private readonly options: readonly Node[]) { super(); }
  protected base(v: unknown): Out {
    for (const o of this.options) {
      const out = o.run(v);
      if (out !== NO) return out;
    }
    return NO;
  }
}
class OptionalNode extends Node {
  constructor(readonly inner: Node) { super(); }
  // an absent key is the object's business; an explicit undefined is not plain data
  protected base(v: unknown): Out { return v === undefined ? NO : this.inner.run(v); }
}
class ArrayNode extends Node {
  constructor(private readonly item: Node) { super(); }
  protected base(v: unknown): Out {
    if (!isPlainArray(v)) return NO;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === undefined) return NO;
      const o = this.item.run(x);
      if (o === NO) return NO;
      out.push(o);
    }
    return out;
  }
}
class TupleNode extends Node {
  constructor(private readonly items: readonly Node[]) { super(); }
  protected base(v: unknown): Out {
    // every item of the schema's tuples is required: exactly that many
    if (!isPlainArray(v) || v.length !== this.items.length) return NO;
    const out: unknown[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === undefined) return NO;
      const o = this.items[i]!.run(x);
      if (o === NO) return NO;
      out.push(o);
    }
    return out;
  }
}
class RecordNode extends Node {
  constructor(private readonly key: Node, private readonly value: Node) { super(); }
  protected base(v: unknown): Out {
    if (!isPlainObject(v)) return NO;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || this.key.run(k) !== k) return NO;
      const x = v[k];
      if (x === undefined) return NO;
      const o = this.value.run(x);
      if (o === NO) return NO;
      out[k] = o;
    }
    return out;
  }
}
class ObjectNode extends Node {
  /** The schema's keys, in its order (listed when the node first reads a value: most sections are absent). */
  private keys: string[] | undefined;
  constructor(readonly shape: Record<string, Node>) { super(); }
  protected base(v: unknown): Out {
    if (!isPlainObject(v)) return NO;
    // strict: every key of the value is one of the schema's
    for (const k in v) if (k === '__proto__' || !hasOwn.call(this.shape, k)) return NO;
    const out: Record<string, unknown> = {};
    for (const k of (this.keys ??= Object.keys(this.shape))) {
      const s = this.shape[k]!;
      if (!hasOwn.call(v, k)) {
        if (s instanceof OptionalNode) continue;
        return NO;
      }
      const x = v[k];
      if (x === undefined) return NO;
      const o = s.run(x);
      if (o === NO) return NO;
      out[k] = o;
    }
    return out;
  }
}

const builder = {
  number: () => new NumberNode(false),
  int: () => new NumberNode(true),
  string: () => new StringNode(),
  boolean: () => new BooleanNode(),
  unknown: () => new UnknownNode(),
  enum: (values: readonly unknown[]) => new ValuesNode(values),
  literal: (value: unknown) => new ValuesNode([value]),
  union: (options: readonly Node[]) => new UnionNode(options),
  optional: (inner: Node) => new OptionalNode(inner),
  array: (item: Node) => new ArrayNode(item),
  tuple: (items: readonly Node[]) => new TupleNode(items),
  record: (key: Node, value: Node) => new RecordNode(key, value),
  strictObject: (shape: Record<string, Node>) => new ObjectNode(shape),
  // the checks: the comparisons of zod's, on the value the node gives
  gte: (n: number) => (v: number) => v >= n,
  lte: (n: number) => (v: number) => v <= n,
  gt: (n: number) => (v: number) => v > n,
  minLength: (n: number) => (v: { length: number }) => v.length >= n,
  maxLength: (n: number) => (v: { length: number }) => v.length <= n,
  regex: (re: RegExp) => (v: string) => { re.lastIndex = 0; return re.test(v); },
  refine: (fn: (v: never) => unknown) => (v: never) => Boolean(fn(v)),
  /** The output of `schema` (built by this builder) for `data`, or undefined: zod says. */
  accept(schema: unknown, data: unknown): unknown {
    const out = (schema as Node).run(data);
    return out === NO ? undefined : out;
  },
};

/** The builder, typed as zod/mini for the schema's code (only the functions above are used; test/fast-zod.test.ts). */
export const fastZ = builder as unknown as Z & { accept(schema: unknown, data: unknown): unknown };
