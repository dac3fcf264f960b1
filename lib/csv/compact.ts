/**
 * Columns for what an import keeps of a large file: numbers in typed blocks and repeated strings numbered once,
 * so a million lines cost a few bytes each instead of an object each. Blocks are never copied as a column grows.
 */
const blockBits = 16;
const blockSize = 1 << blockBits;
const blockMask = blockSize - 1;

type Block = Float64Array | Int32Array | Uint8Array;
const blockTypes = { float64: Float64Array, int32: Int32Array, uint8: Uint8Array } as const;

export class NumberColumn {
  length = 0;
  private readonly blocks: Block[] = [];

  /** float64 holds any safe integer exactly (cents, quantities); int32 and uint8 hold indexes and codes. */
  constructor(private readonly type: keyof typeof blockTypes) {}

  push(value: number): void {
    const offset = this.length & blockMask;
    if (offset === 0) this.blocks.push(new blockTypes[this.type](blockSize));
    this.blocks[this.blocks.length - 1]![offset] = value;
    this.length++;
  }

  get(index: number): number {
    return this.blocks[index >>> blockBits]![index & blockMask]!;
  }

  /** Bytes held, for the tests and the bench: a column's cost does not depend on what its values are. */
  get bytes(): number {
    return this.blocks.reduce((sum, b) => sum + b.byteLength, 0);
  }
}

/**
 * Distinct strings numbered in order of first appearance: a column of repeated values costs a number a line. Each
 * value is kept as a copy: V8 makes a substring of 13 characters or more a view of the string it was cut from, so
 * keeping the parser's value would keep its whole chunk of the file alive.
 */
export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      const copy = value.length < 13 ? value : Buffer.from(value, "utf8").toString("utf8");
      id = this.values.length;
      this.values.push(copy);
      this.ids.set(copy, id);
    }
    return id;
  }

  /** The id of a value already seen, or undefined. */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  get size(): number {
    return this.values.length;
  }
}
