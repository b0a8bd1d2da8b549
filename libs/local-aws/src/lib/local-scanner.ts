import { setTimeout as delay } from 'node:timers/promises';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FILE_OBJECT_KEY_PREFIX, LOCAL_SCANNER_CREDENTIALS } from '@ha-uploads/config';
import type { ObjectRecord } from './s3/object-store';
import { SCAN_STATUS_TAG } from './s3/scan-gate';
import type { RunningS3Server } from './s3-server';
import { containsEicar, SCANNED_PREFIX_BYTES } from './scanner/eicar';
import { scanResultEvent, type ScannedObject, type ScanVerdict } from './scanner/scan-event';
import { ScanTracker, type ScanOutcome } from './scanner/scan-tracker';

/** Settings of the local malware scanner. */
export interface LocalScannerOptions {
  /** The local S3 whose new objects are scanned (its address, and its object-created events). */
  readonly s3: Pick<RunningS3Server, 'endpoint' | 'onObjectCreated'>;
  readonly bucket: string;
  /** The local SQS and the queue that receives each scan's result event. */
  readonly sqsEndpoint: string;
  readonly queueUrl: string;
  /** Only keys under this prefix are scanned. @default FILE_OBJECT_KEY_PREFIX */
  readonly prefix?: string;
  /** How long after an object is created its scan starts. @default 0 */
  readonly delayMs?: number;
  /** Objects larger than this are UNSUPPORTED and not read. @default 100 GiB, GuardDuty's limit */
  readonly maxScanBytes?: number;
  /** Starts held: no scan runs until release(). @default false */
  readonly held?: boolean;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Reports a scan that failed for a reason other than the object going away. @default - ignored */
  readonly onError?: (err: unknown) => void;
}

/** A running local scanner, with hooks for tests to wait on scans and to lose or repeat events. */
export interface LocalScanner {
  /** Resolves with the outcome of the key's scan once it is done (its tag set, its event sent or dropped). */
  scanned(key: string): Promise<ScanOutcome>;
  /** Holds every scan not yet started until release(). */
  hold(): void;
  /** Lets held scans (and later ones) run. */
  release(): void;
  /** The next result event is not sent (a lost event). */
  dropNextEvent(): void;
  /** The next result event is sent twice (a duplicated delivery). */
  duplicateNextEvent(): void;
  /** Stops scanning; scans not yet done are abandoned. */
  stop(): Promise<void>;
}

const GUARDDUTY_MAX_BYTES = 100 * 1024 ** 3;

/**
 * Starts the stand-in for GuardDuty Malware Protection for S3: for every new object under the prefix it waits,
 * reads the object as the scanner, tags its verdict through the S3 API and sends the result event to the queue.
 * It finds only the EICAR test file: it proves the app's handling of results, not detection.
 */
export function startLocalScanner(options: LocalScannerOptions): LocalScanner {
  const region = options.region ?? 'us-east-1';
  const s3 = new S3Client({
    region,
    endpoint: options.s3.endpoint,
    forcePathStyle: true,
    credentials: LOCAL_SCANNER_CREDENTIALS,
  });
  const sqs = new SQSClient({ region, endpoint: options.sqsEndpoint, credentials: LOCAL_SCANNER_CREDENTIALS });
  const tracker = new ScanTracker();
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let gate = released();
  let nextEvent: 'send' | 'drop' | 'duplicate' = 'send';
  if (options.held) gate = heldGate();

  const scan = async (object: ScannedObject, size: number): Promise<ScanOutcome> => {
    await delay(options.delayMs ?? 0, undefined, { signal: stopping.signal });
    await gate.promise;
    if (stopping.signal.aborted) throw stopping.signal.reason;
    const verdict = size > (options.maxScanBytes ?? GUARDDUTY_MAX_BYTES) ? 'UNSUPPORTED' : await readVerdict(object);
    if (verdict === 'GONE') return verdict;
    await tagVerdict(object, verdict);
    const times = nextEvent === 'drop' ? 0 : nextEvent === 'duplicate' ? 2 : 1;
    nextEvent = 'send';
    const body = JSON.stringify(scanResultEvent(object, verdict, region));
    for (let i = 0; i < times; i++)
      await sqs.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: body }));
    return verdict;
  };

  const readVerdict = async (object: ScannedObject): Promise<ScanVerdict | 'GONE'> => {
    try {
      const out = await s3.send(
        new GetObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          IfMatch: object.etag,
          Range: `bytes=0-${SCANNED_PREFIX_BYTES - 1}`,
        }),
      );
      const bytes = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      return containsEicar(bytes) ? 'THREATS_FOUND' : 'NO_THREATS_FOUND';
    } catch (err) {
      // Replaced or deleted since: the new object has its own scan.
      if (isGone(err)) return 'GONE';
      throw err;
    }
  };

  const tagVerdict = async (object: ScannedObject, verdict: ScanVerdict): Promise<void> => {
    // GuardDuty keeps the object's other tags and adds its own.
    const { TagSet = [] } = await s3.send(new GetObjectTaggingCommand({ Bucket: object.bucket, Key: object.key }));
    const kept = TagSet.filter((tag) => tag.Key !== SCAN_STATUS_TAG);
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: object.bucket,
        Key: object.key,
        Tagging: { TagSet: [...kept, { Key: SCAN_STATUS_TAG, Value: verdict }] },
      }),
    );
  };

  const onCreated = (bucket: string, record: ObjectRecord): void => {
    if (bucket !== options.bucket || !record.key.startsWith(options.prefix ?? FILE_OBJECT_KEY_PREFIX)) return;
    tracker.started(record.key);
    const running = scan({ bucket, key: record.key, etag: record.etag }, record.size)
      .then(
        (outcome) => tracker.finished(record.key, outcome),
        (err: unknown) => {
          if (stopping.signal.aborted) return;
          options.onError?.(err);
          tracker.finished(record.key, 'FAILED');
        },
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const unsubscribe = options.s3.onObjectCreated(onCreated);

  return {
    scanned: (key) => tracker.settled(key),
    hold() {
      if (!gate.held) gate = heldGate();
    },
    release() {
      gate.release();
      gate = released();
    },
    dropNextEvent() {
      nextEvent = 'drop';
    },
    duplicateNextEvent() {
      nextEvent = 'duplicate';
    },
    async stop() {
      unsubscribe();
      stopping.abort();
      gate.release();
      await Promise.allSettled([...inFlight]);
      s3.destroy();
      sqs.destroy();
    },
  };
}

interface Gate {
  readonly held: boolean;
  readonly promise: Promise<void>;
  release(): void;
}

function released(): Gate {
  return { held: false, promise: Promise.resolve(), release: () => undefined };
}

function heldGate(): Gate {
  let release = () => undefined as void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { held: true, promise, release };
}

function isGone(err: unknown): boolean {
  return err instanceof S3ServiceException && [404, 412].includes(err.$metadata.httpStatusCode ?? 0);
}
