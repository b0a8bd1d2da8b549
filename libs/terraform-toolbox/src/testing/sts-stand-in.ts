import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback STS that answers GetCallerIdentity for one access key and rejects every other key, as STS does. */
export interface StsStandIn {
  readonly endpoint: string;
  /** How many GetCallerIdentity requests arrived. */
  readonly calls: () => number;
  close(): Promise<void>;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Starts an {@link StsStandIn} on a free port that knows `accessKeyId` as `arn`. */
export async function startStsStandIn(accessKeyId: string, arn: string): Promise<StsStandIn> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      res.setHeader('content-type', 'text/xml');
      if (body.get('Action') !== 'GetCallerIdentity') {
        res
          .writeHead(400)
          .end(
            `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>not supported</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
          );
        return;
      }
      calls++;
      // SigV4: "AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/sts/aws4_request, ..."
      const key = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      if (key !== accessKeyId) {
        res
          .writeHead(403)
          .end(
            `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>2</RequestId></ErrorResponse>`,
          );
        return;
      }
      const account = arn.split(':')[4];
      res
        .writeHead(200)
        .end(
          `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>3</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
