import { isAscii, isUtf8 } from "node:buffer";
import { msg, type Message } from "@/lib/i18n/message";
import type { LineError } from "./types";

/** The encodings a file may be declared in. Windows-1252 is what the WHATWG calls Latin-1 / ISO-8859-1 too. */
export const fileEncodings = ["utf-8", "windows-1252"] as const;
export type FileEncoding = (typeof fileEncodings)[number];

export const encodingLabels: Record<FileEncoding, string> = {
  "utf-8": "UTF-8",
  "windows-1252": "Windows-1252 / Latin-1",
};

/**
 * Turns a file's bytes into text chunk by chunk. UTF-8 is checked strictly: from the first byte that is not valid
 * UTF-8 on, no text is handed on (so no U+FFFD can be stored), and `problem()` gives the line and column of that byte
 * and how many bad sequences the file has. A declared Windows-1252 file is converted, unless its bytes are valid
 * UTF-8 with non-ASCII characters: read as Windows-1252 every accented letter would be garbled (é -> Ã©).
 */
export class FileDecoder {
  private readonly utf8: Utf8Check;
  private readonly legacy: TextDecoder | null;

  constructor(readonly encoding: FileEncoding) {
    this.legacy = encoding === "windows-1252" ? new TextDecoder("windows-1252") : null;
    this.utf8 = new Utf8Check(this.legacy === null);
  }

  /** True once the file is known to be unreadable as declared: what follows need not be parsed. */
  get failed(): boolean {
    return this.legacy === null && this.utf8.firstBad !== null;
  }

  /** The text of these bytes ("" once the file has failed). */
  push(bytes: Uint8Array): string {
    const text = this.utf8.push(bytes);
    return this.legacy === null ? text : this.legacy.decode(bytes, { stream: true });
  }

  end(): string {
    this.utf8.end();
    return this.legacy === null ? "" : this.legacy.decode();
  }

  /** Why the file cannot be read as declared, once every byte has been pushed; null when it can. */
  problem(): LineError | null {
    const bad = this.utf8.firstBad;
    if (this.legacy !== null) {
      if (bad !== null || !this.utf8.sawMultiByte) return null;
      return { line: 0, message: msg("data.problems.declaredLatin1ButUtf8") };
    }
    if (bad === null) return null;
    const others = this.utf8.badCount - 1;
    const utf16 = bad.line === 1 && bad.column === 1 && (bad.byte === 0xff || bad.byte === 0xfe) ? "yes" : "no";
    return {
      line: bad.line,
      message: msg("data.problems.notUtf8", { byte: bad.byte.toString(16).toUpperCase(), column: bad.column, others, utf16 }),
    };
  }

  /** A line for the result's notes when the file was converted. */
  conversionNote(): Message | null {
    return this.legacy === null ? null : msg("data.notes.converted");
  }
}

type BadByte = { line: number; column: number; byte: number };

/**
 * Strict UTF-8 over a stream of chunks, with the position of the first bad byte. The fast path asks Node whether a
 * chunk is valid (a character cut by the chunk's end waits for the next chunk); only a chunk that is not valid is
 * walked byte by byte, with the WHATWG decoder's rules, to find and count the bad sequences. Without `wantText`
 * it only answers whether the bytes are UTF-8, and stops looking at the first bad byte.
 */
class Utf8Check {
  firstBad: BadByte | null = null;
  badCount = 0;
  sawMultiByte = false;
  private pending: Uint8Array = new Uint8Array(0);
  /** The line the text so far ends on (CRLF, CR and LF each end one) and its characters so far. */
  private line = 1;
  private column = 0;
  private lastWasCR = false;
  // The byte walk's state, carried across chunks once a bad byte was seen.
  private lead = 0;
  private codePoint = 0;
  private needed = 0;
  private seen = 0;
  private lower = 0x80;
  private upper = 0xbf;

  constructor(private readonly wantText: boolean) {}

  push(chunk: Uint8Array): string {
    if (this.firstBad !== null) {
      if (this.wantText) this.walk(chunk);
      return "";
    }
    const bytes = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const whole = bytes.subarray(0, completeLength(bytes));
    if (!isUtf8(whole)) {
      this.pending = new Uint8Array(0);
      this.walk(bytes);
      return "";
    }
    this.pending = bytes.slice(whole.length);
    if (!this.sawMultiByte && !isAscii(whole)) this.sawMultiByte = true;
    if (!this.wantText) return "";
    const text = Buffer.from(whole.buffer, whole.byteOffset, whole.byteLength).toString("utf8");
    for (let i = 0; i < text.length; i++) this.advance(text.charCodeAt(i));
    return text;
  }

  end(): void {
    // A character cut off by the end of the file.
    if (this.firstBad === null && this.pending.length > 0) this.bad(this.pending[0]!);
    else if (this.firstBad !== null && this.needed > 0) this.badCount++;
    this.pending = new Uint8Array(0);
  }

  /** One UTF-16 unit or code point of the text read: moves the line and column on (a pair's low half adds no column). */
  private advance(unit: number): void {
    if (unit === 10) {
      if (!this.lastWasCR) this.line++;
      this.column = 0;
      this.lastWasCR = false;
    } else if (unit === 13) {
      this.line++;
      this.column = 0;
      this.lastWasCR = true;
    } else {
      this.lastWasCR = false;
      if (unit < 0xdc00 || unit > 0xdfff) this.column++;
    }
  }

  private bad(byte: number): void {
    if (this.firstBad === null) this.firstBad = { line: this.line, column: this.column + 1, byte };
    this.badCount++;
  }

  /** The WHATWG UTF-8 decoder's steps, counting errors where it would emit U+FFFD. */
  private walk(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      if (!this.wantText && this.firstBad !== null) return;
      const b = bytes[i]!;
      if (this.needed === 0) {
        if (b <= 0x7f) {
          if (this.firstBad === null) this.advance(b);
          continue;
        }
        this.lead = b;
        if (b >= 0xc2 && b <= 0xdf) {
          this.needed = 1;
          this.codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) this.lower = 0xa0;
          if (b === 0xed) this.upper = 0x9f;
          this.needed = 2;
          this.codePoint = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) this.lower = 0x90;
          if (b === 0xf4) this.upper = 0x8f;
          this.needed = 3;
          this.codePoint = b & 0x7;
        } else {
          this.bad(b);
        }
        continue;
      }
      if (b < this.lower || b > this.upper) {
        this.needed = this.seen = 0;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.bad(this.lead);
        i--; // the byte that broke the sequence is read again on its own
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (b & 0x3f);
      if (++this.seen === this.needed) {
        this.sawMultiByte = true;
        if (this.firstBad === null) this.advance(this.codePoint);
        this.needed = this.seen = 0;
      }
    }
  }
}

/** How many leading bytes end on a character boundary: a sequence cut off by the chunk's end waits for the next. */
function completeLength(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return bytes.length - i < length ? i : bytes.length;
  }
  return bytes.length;
}
