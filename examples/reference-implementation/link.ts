/**
 * One direction of a link between two processes, over a MessagePort, with a random delay per
 * message. A FIFO link releases its messages in the order they were sent (each waits for the one
 * before it); a non-FIFO link lets each message take its own delay, so a later one can overtake.
 */
import type { MessagePort } from "node:worker_threads";

export class Link {
  private readonly queue: { readonly at: number; readonly message: unknown }[] = [];
  private pumping = false;

  constructor(
    private readonly port: MessagePort,
    private readonly fifo: boolean,
    private readonly delay: () => number,
  ) {}

  send(message: unknown): void {
    const at = performance.now() + this.delay();
    if (!this.fifo) {
      setTimeout(() => this.port.postMessage(message), at - performance.now());
      return;
    }
    this.queue.push({ at, message });
    if (!this.pumping) this.pump();
  }

  /** Releases the oldest message once its time has come, then the next: the order never changes. */
  private pump(): void {
    const head = this.queue[0];
    if (head === undefined) {
      this.pumping = false;
      return;
    }
    this.pumping = true;
    setTimeout(
      () => {
        this.queue.shift();
        this.port.postMessage(head.message);
        this.pump();
      },
      Math.max(0, head.at - performance.now()),
    );
  }
}
