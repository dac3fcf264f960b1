/**
 * Interns tokens to small integers, so a corpus of a few hundred thousand reviews is held as Int32Arrays of token
 * ids (a few bytes per token) instead of arrays of strings.
 */
export class TokenTable {
  private readonly ids = new Map<string, number>();
  private readonly tokens: string[] = [];

  get size(): number {
    return this.tokens.length;
  }

  intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.ids.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }

  internAll(tokens: string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.intern(tokens[i]!);
    return out;
  }

  /** Forgets every token interned after the first `size` (e.g. the words of texts scored since training). */
  truncate(size: number): void {
    for (let id = this.tokens.length - 1; id >= size; id--) this.ids.delete(this.tokens[id]!);
    this.tokens.length = Math.min(this.tokens.length, size);
  }

  token(id: number): string {
    const token = this.tokens[id];
    if (token === undefined) throw new RangeError(`token id ${id} outside 0..${this.tokens.length - 1}`);
    return token;
  }
}
