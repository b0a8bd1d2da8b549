/** Many shared holders at once, or one exclusive holder; a waiting exclusive holder goes before later shared ones. */
export class ReadWriteLock {
  private sharedHolders = 0;
  private exclusiveHeld = false;
  private readonly waiting: { readonly exclusive: boolean; readonly grant: () => void }[] = [];

  /** Runs `work` alongside other shared holders, never during an exclusive one. */
  withShared<T>(work: () => Promise<T>): Promise<T> {
    return this.run(false, work);
  }

  /** Runs `work` alone. */
  withExclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.run(true, work);
  }

  private async run<T>(exclusive: boolean, work: () => Promise<T>): Promise<T> {
    await this.acquire(exclusive);
    try {
      return await work();
    } finally {
      if (exclusive) this.exclusiveHeld = false;
      else this.sharedHolders--;
      this.grantWaiting();
    }
  }

  private acquire(exclusive: boolean): Promise<void> {
    if (this.waiting.length === 0 && this.canGrant(exclusive)) {
      this.take(exclusive);
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ exclusive, grant }));
  }

  private canGrant(exclusive: boolean): boolean {
    return exclusive ? !this.exclusiveHeld && this.sharedHolders === 0 : !this.exclusiveHeld;
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.exclusiveHeld = true;
    else this.sharedHolders++;
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.canGrant(this.waiting[0].exclusive)) {
      const next = this.waiting.shift() as { exclusive: boolean; grant: () => void };
      this.take(next.exclusive);
      next.grant();
    }
  }
}
