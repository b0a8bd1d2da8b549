/** Malformed JSON inputs from a seeded generator, so every run sends the same ones. */
export class MalformedJson {
  constructor(private readonly random: () => number) {}

  /** One body: deep nesting, a wrong type, broken text, a huge number, an odd key... */
  body(): string {
    const kinds = [
      () => `{"parts":${'['.repeat(this.int(33, 30_000))}${']'.repeat(this.int(0, 5))}`,
      () => `{"name":${'{"a":'.repeat(this.int(33, 10_000))}1${'}'.repeat(this.int(0, 10_000))}}`,
      () => JSON.stringify({ [this.pick(['name', 'size', 'parts', 'contentType', '__proto__'])]: this.value(4) }),
      () => JSON.stringify({ parts: Array.from({ length: this.int(0, 50) }, () => this.value(3)) }),
      () => JSON.stringify(this.value(3)),
      () => this.pick(['', 'null', '[]', '"x"', '{', '{"a":}', '\u0000', '{"size":1e999}', '{"size":-0}', '\uFEFF{}']),
      () =>
        JSON.stringify({
          size: this.pick([1e308, -1, 0.5, 2 ** 64, Number.MAX_SAFE_INTEGER + 2, '5']),
          name: this.value(2),
        }),
    ];
    return this.pick(kinds)();
  }

  /** One query string for GET /api/files: repeated, empty, over-long or undecodable parameters. */
  query(): string {
    return this.pick([
      () => `limit=${this.int(-5, 5)}&limit=${this.int(0, 2000)}`,
      () => `cursor=${'A'.repeat(this.int(0, 500))}&cursor=x`,
      () => `limit=${this.pick(['%', '%E0%A4%A', '1e3', '0x10', '01000', '9999999999', ' 1'])}`,
      () => `cursor=${this.pick(['%00', 'eyJ2IjoxfQ', '..%2F..', '%FF%FE', 'e30'])}`,
      () => `limit=${this.int(1, 9)}&cursor=${this.pick(['', 'x'])}&cursor=${'B'.repeat(this.int(0, 200))}`,
    ])();
  }

  private value(depth: number): unknown {
    const leaves = [null, true, -1, 0, 1.5, 1e308, '', 'é'.repeat(this.int(0, 5000)), '\u0000', '__proto__'];
    if (depth <= 0 || this.random() < 0.4) return this.pick(leaves);
    if (this.random() < 0.5) return Array.from({ length: this.int(0, 4) }, () => this.value(depth - 1));
    return Object.fromEntries(
      Array.from({ length: this.int(0, 4) }, () => [
        this.pick(['partNumber', 'etag', 'checksum', 'constructor', 'x']),
        this.value(depth - 1),
      ]),
    );
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
}
