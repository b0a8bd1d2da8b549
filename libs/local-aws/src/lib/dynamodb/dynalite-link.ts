import { Agent, request } from 'node:http';
import { type DynamoDbReply, type JsonObject, parseObject } from './dynamodb-reply';

// dynalite checks only that a request carries SigV4-shaped credentials, so internal calls send a fixed one.
const INTERNAL_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

/** The dynalite server behind the front handler, reached over loopback. */
export class DynaliteLink {
  private readonly agent = new Agent({ keepAlive: true });

  constructor(private readonly port: number) {}

  /** Sends a client's request on as it came and answers dynalite's reply. */
  forward(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): Promise<DynamoDbReply> {
    return this.send(method, path, { ...headers, 'content-length': String(body.length) }, body);
  }

  /** Calls `action` with `payload`, as the front handler's own client. */
  call(action: string, payload: JsonObject): Promise<DynamoDbReply> {
    const body = Buffer.from(JSON.stringify(payload));
    return this.send(
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(body.length),
        'x-amz-target': `DynamoDB_20120810.${action}`,
        'x-amz-date': '20260101T000000Z',
        authorization: INTERNAL_AUTHORIZATION,
      },
      body,
    );
  }

  /** Calls `action` and answers the parsed body of a success, or throws the error reply. */
  async callOk(action: string, payload: JsonObject): Promise<JsonObject> {
    const reply = await this.call(action, payload);
    if (reply.status >= 300) throw new DynaliteError(reply);
    return parseObject(reply.body) ?? {};
  }

  /** Drops the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  private send(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): Promise<DynamoDbReply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 500, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** An error reply of dynalite to an internal call, kept whole so it can be passed on to the client. */
export class DynaliteError extends Error {
  constructor(readonly reply: DynamoDbReply) {
    super(`dynalite answered ${reply.status}: ${reply.body}`);
  }
}
