import { readFileSync } from 'node:fs';
import type { WebhookQueue } from '../../domain/ports/webhook-queue';
import type { Duration, Instant } from '../../domain/time';
import { webhookEventId, type WebhookDelivery, type WebhookEvent } from '../../domain/webhooks/webhook-event';
import type { WebhookWork } from '../webhooks/webhook-work';
import { writePrivateFile } from './private-files';

interface Job {
  readonly key: string;
  readonly dueAt: Instant;
  readonly work: WebhookWork;
  /** Times the worker threw on it (not failed deliveries: those are the worker's to reschedule). */
  readonly crashes: number;
}

interface Stored {
  readonly version: 1;
  readonly jobs: readonly Job[];
  /** Keys of recent work already done: the same event or attempt queued again is not run again. */
  readonly done: readonly string[];
}

export interface LocalWebhookQueueOptions {
  /** Keeps the queue in this file (0600), so pending deliveries survive a restart; in memory without it. */
  readonly file?: string;
  readonly now?: () => Instant;
  /** Attempts run at once, at most. */
  readonly concurrency?: number;
  /** Told when the worker throws (a store down): the job waits CRASH_RETRY and is tried again, MAX_CRASHES times. */
  readonly onCrash?: (work: WebhookWork, error: unknown) => void;
}

const DONE_KEPT = 2000;
const CRASH_RETRY: Duration = 30_000;
const MAX_CRASHES = 5;

/**
 * The local doorbell's webhook queue: in-process, apart from the ring (publishing only records the work; a timer
 * runs it later), durable with `--data` (one private JSON file rewritten atomically on every change, so a restart
 * resumes what was pending). The same event or attempt queued twice runs once: by its key while it waits, and by
 * the record of recent keys after it ran.
 */
export class LocalWebhookQueue implements WebhookQueue {
  private jobs = new Map<string, Job>();
  private done: string[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private worker: ((work: WebhookWork) => Promise<void>) | undefined;
  private readonly now: () => Instant;
  private readonly concurrency: number;

  constructor(private readonly options: LocalWebhookQueueOptions = {}) {
    this.now = options.now ?? Date.now;
    this.concurrency = options.concurrency ?? 4;
    if (options.file) this.load(options.file);
  }

  async publish(event: WebhookEvent): Promise<void> {
    this.add(`event:${webhookEventId(event)}`, { kind: 'event', event }, 0);
  }

  async schedule(delivery: WebhookDelivery, delay: Duration): Promise<void> {
    this.add(`delivery:${delivery.deliveryId}:${delivery.attempt}`, { kind: 'delivery', delivery }, delay);
  }

  /** Starts running due work with `worker` (pending work from the file included). */
  start(worker: (work: WebhookWork) => Promise<void>): void {
    this.worker = worker;
    this.wake();
  }

  /** Stops taking work and waits for the attempts in flight; what is pending stays queued (and in the file). */
  async stop(): Promise<void> {
    this.worker = undefined;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** Waiting or running jobs, for tests and the start-up line. */
  get pending(): number {
    return this.jobs.size;
  }

  /** Resolves once nothing is due now or running (later retries may still wait): for tests. */
  async settled(): Promise<void> {
    while (this.running.size > 0 || [...this.jobs.values()].some((job) => job.dueAt <= this.now() && !this.running.has(job.key))) {
      await Promise.race([...this.running.values(), new Promise((resolve) => setTimeout(resolve, 5))]);
    }
  }

  private add(key: string, work: WebhookWork, delay: Duration): void {
    if (this.jobs.has(key) || this.done.includes(key)) return;
    this.jobs.set(key, { key, dueAt: this.now() + Math.max(0, delay), work, crashes: 0 });
    this.save();
    this.wake();
  }

  private wake(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.worker) return;
    const now = this.now();
    const waiting = [...this.jobs.values()].filter((job) => !this.running.has(job.key)).sort((a, b) => a.dueAt - b.dueAt);
    for (const job of waiting) {
      if (this.running.size >= this.concurrency || job.dueAt > now) break;
      this.run(job);
    }
    const next = waiting.find((job) => !this.running.has(job.key));
    if (next && this.running.size < this.concurrency) {
      this.timer = setTimeout(() => this.wake(), Math.max(0, next.dueAt - now));
      this.timer.unref();
    }
  }

  private run(job: Job): void {
    const worker = this.worker;
    if (!worker) return;
    const running = (async () => {
      try {
        await worker(job.work);
        this.finish(job.key);
      } catch (error) {
        this.options.onCrash?.(job.work, error);
        if (job.crashes + 1 >= MAX_CRASHES) this.finish(job.key);
        else this.jobs.set(job.key, { ...job, dueAt: this.now() + CRASH_RETRY, crashes: job.crashes + 1 });
        this.save();
      }
    })().finally(() => {
      this.running.delete(job.key);
      this.wake();
    });
    this.running.set(job.key, running);
  }

  private finish(key: string): void {
    this.jobs.delete(key);
    this.done.push(key);
    if (this.done.length > DONE_KEPT) this.done = this.done.slice(-DONE_KEPT);
    this.save();
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const stored = JSON.parse(text) as Stored;
    this.jobs = new Map(stored.jobs.map((job) => [job.key, job]));
    this.done = [...stored.done];
  }

  private save(): void {
    if (!this.options.file) return;
    const stored: Stored = { version: 1, jobs: [...this.jobs.values()], done: this.done };
    writePrivateFile(this.options.file, JSON.stringify(stored));
  }
}
