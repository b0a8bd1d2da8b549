import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { once } from 'node:events';
import { MULTIPART_TYPE, filePartHead, multipartTail } from './multipart';

/** A response read whole. */
export interface ReadResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  readonly json: unknown;
}

/** An upload whose body the test writes piece by piece, so it can stop, stall or cut it mid-way. */
export interface StreamingUpload {
  readonly request: ClientRequest;
  /** Writes more file bytes (waits for the socket to take them). */
  write(chunk: Buffer): Promise<void>;
  /** Ends the file part and the body, then reads the answer. */
  finish(): Promise<ReadResponse>;
  /** Cuts the connection mid-body, as a client that goes away. */
  abort(): void;
  /** The answer, whenever the server sends it (even before the body is complete). */
  readonly response: Promise<ReadResponse>;
}

/** Options of startStreamingUpload. */
export interface StreamingUploadOptions {
  /** @default '/api/files' */
  readonly path?: string;
  /** Declared length of the file bytes; the request uses Content-Length when given, else chunked. */
  readonly fileBytes?: number;
  /** @default 'stream.bin' */
  readonly fileName?: string;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Bytes sent before the file part (e.g. a `_csrf` field). @default - none */
  readonly prefix?: Buffer;
}

/**
 * Opens a multipart upload to `baseUrl` and sends its headers and the file part's head; the file bytes are up to the
 * test.
 */
export function startStreamingUpload(baseUrl: string, options: StreamingUploadOptions = {}): StreamingUpload {
  const url = new URL(options.path ?? '/api/files', baseUrl);
  const head = Buffer.concat([options.prefix ?? Buffer.alloc(0), filePartHead(options.fileName ?? 'stream.bin')]);
  const tail = multipartTail();
  const length = options.fileBytes === undefined ? undefined : head.length + options.fileBytes + tail.length;
  const req = request(url, {
    method: 'POST',
    agent: false,
    headers: {
      'Content-Type': MULTIPART_TYPE,
      ...(length !== undefined && { 'Content-Length': String(length) }),
      ...options.headers,
    },
  });
  const response = new Promise<ReadResponse>((resolve, reject) => {
    req.once('response', (res) => readResponse(res).then(resolve, reject));
    req.once('error', reject);
  });
  // Callers that abort never read the answer; keep the rejection from going unhandled.
  response.catch(() => undefined);
  req.write(head);
  const write = async (chunk: Buffer) => {
    if (!req.write(chunk)) await Promise.race([once(req, 'drain'), once(req, 'close')]);
  };
  return {
    request: req,
    write,
    async finish() {
      req.end(tail);
      return response;
    },
    abort() {
      req.destroy();
    },
    response,
  };
}

/** Reads a whole response and parses JSON when it is JSON. */
export async function readResponse(res: IncomingMessage): Promise<ReadResponse> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode ?? 0, headers: res.headers, text, json };
}
