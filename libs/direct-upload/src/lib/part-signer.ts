import { PARTS_IN_FLIGHT } from './transfer-policy';

/** A presigned PUT for one part: the URL and the headers it must carry. */
export interface SignedPart {
  readonly partNumber: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What PartSigner needs: the sign call of the session API, and the SHA-256 of a part's bytes. */
export interface PartSignerDeps {
  sign(parts: readonly { readonly partNumber: number; readonly checksum: string }[]): Promise<readonly SignedPart[]>;
  checksumOf(partNumber: number): Promise<string>;
}

/**
 * How many parts past the one asked for a sign call covers at most. URLs live 5 minutes, so this many parts must
 * go out within that time even on a slow link; a URL that expires anyway is signed again.
 */
export const SIGN_AHEAD = 12;
/** A URL lives 5 minutes; one older than this is signed again before its part goes out, not after S3 refuses it. */
export const URL_FRESH_MS = 4 * 60_000;

/**
 * Signs a session's parts in batches, hashing ahead of the transfer. Each URL binds its part's checksum, so a part is
 * signed once its bytes are hashed. Hashing runs one part at a time (one part's bytes in memory) ahead of the parts
 * in flight. A sign call takes the part asked for and the later parts already hashed, so a 1 GiB file needs a
 * handful of calls; the first call also waits for the first PARTS_IN_FLIGHT hashes, since those parts go out at once.
 */
export class PartSigner {
  private readonly checksums = new Map<number, Promise<string>>();
  private readonly hashed = new Map<number, string>();
  private readonly signed = new Map<number, Promise<SignedPart>>();
  private readonly signedAt = new Map<number, number>();
  private hashing: Promise<unknown> = Promise.resolve();
  private signCalls = 0;

  /** `order`: the parts still to send, in the order they go out. */
  constructor(
    private readonly deps: PartSignerDeps,
    private readonly order: readonly number[],
    private readonly now: () => number = Date.now,
  ) {}

  /** How many sign calls were made so far. */
  get calls(): number {
    return this.signCalls;
  }

  /** The part's SHA-256 (base64), hashed once, after the parts before it. */
  checksum(partNumber: number): Promise<string> {
    let checksum = this.checksums.get(partNumber);
    if (!checksum) {
      checksum = this.hashing.then(() => this.deps.checksumOf(partNumber));
      checksum.then(
        (value) => this.hashed.set(partNumber, value),
        () => this.checksums.delete(partNumber),
      );
      this.hashing = checksum.catch(() => undefined);
      this.checksums.set(partNumber, checksum);
    }
    return checksum;
  }

  /**
   * The part's URL: signed earlier in a batch (unless it is no longer fresh), or now, with the later parts that are
   * ready.
   */
  urlFor(partNumber: number): Promise<SignedPart> {
    const signedAt = this.signedAt.get(partNumber);
    if (signedAt !== undefined && this.now() - signedAt > URL_FRESH_MS) return this.resign(partNumber);
    return this.signed.get(partNumber) ?? this.signBatch(partNumber);
  }

  /** A fresh URL for a part whose URL expired. */
  resign(partNumber: number): Promise<SignedPart> {
    this.signed.delete(partNumber);
    this.signedAt.delete(partNumber);
    return this.signBatch(partNumber);
  }

  private signBatch(partNumber: number): Promise<SignedPart> {
    const position = Math.max(0, this.order.indexOf(partNumber));
    const window = this.order.slice(position + 1, position + 1 + SIGN_AHEAD);
    const own = [
      partNumber,
      ...(this.signCalls === 0 ? window.filter((n) => !this.signed.has(n)).slice(0, PARTS_IN_FLIGHT - 1) : []),
    ];
    this.signCalls += 1;
    let settle: { resolve(urls: Map<number, SignedPart>): void; reject(err: unknown): void } | undefined;
    const urls = new Promise<Map<number, SignedPart>>((resolve, reject) => (settle = { resolve, reject }));
    const members: number[] = [];
    const join = (n: number) => {
      members.push(n);
      const url = urls.then((byNumber) => byNumber.get(n) ?? Promise.reject(new Error(`part ${n} came back unsigned`)));
      url.catch(() => undefined); // awaited by whoever sends the part; never an unhandled rejection
      this.signed.set(n, url);
    };
    own.forEach(join);
    void (async () => {
      const checksums = await Promise.all(own.map((n) => this.checksum(n)));
      const parts = own.map((n, i) => ({ partNumber: n, checksum: checksums[i] }));
      // Every later part hashed by now joins, up to the first one that is not: the batch stays in order.
      for (const n of window) {
        if (this.signed.has(n)) continue;
        const ready = this.hashed.get(n);
        if (ready === undefined) break;
        join(n);
        parts.push({ partNumber: n, checksum: ready });
      }
      return this.deps.sign(parts);
    })().then(
      (signed) => {
        const at = this.now();
        for (const n of members) this.signedAt.set(n, at);
        settle?.resolve(new Map(signed.map((p) => [p.partNumber, p])));
        this.hashAhead(members[members.length - 1]);
      },
      (err: unknown) => {
        for (const n of members) this.signed.delete(n);
        settle?.reject(err);
      },
    );
    return this.signed.get(partNumber) as Promise<SignedPart>;
  }

  /** Hashes the parts after `last` that the next sign call will want, while the signed ones are on their way. */
  private hashAhead(last: number): void {
    const position = this.order.indexOf(last);
    for (const n of this.order.slice(position + 1, position + 1 + SIGN_AHEAD))
      void this.checksum(n).catch(() => undefined);
  }
}
