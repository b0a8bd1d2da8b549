import { createReadStream, readdirSync, statSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { TLSSocket, createSecureContext } from 'node:tls';
import { AWS_PROVIDER_PIN, terraformPlatform } from '../../lib/terraform/aws-provider-pin';
import { createSigningKey } from './signing-key';
import { writeStoredZip } from './stored-zip';
import { createTestCa } from './test-ca';

const REGISTRY_HOST = 'registry.terraform.io';
const FILES_PATH = '/stand-in-downloads/';

/** A loopback stand-in for the public provider registry, reached the way a machine behind a proxy reaches it. */
export interface RegistryStandIn {
  /** For HTTPS_PROXY: CONNECTs to registry.terraform.io:443 end at the stand-in; any other host is refused. */
  readonly proxyUrl: string;
  /** For SSL_CERT_FILE: the CA the stand-in's certificate for registry.terraform.io chains to. */
  readonly caFile: string;
  /** Every request the stand-in answered, as `METHOD path status`, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves the pinned AWS provider of the filesystem mirror `mirror` over the provider registry protocol (service
 * discovery, versions, download with SHA256SUMS and its signature), over TLS, from a proxy on a free port. `workDir`
 * takes the zip, the CA and the signing key.
 */
export async function startRegistryStandIn(mirror: string, workDir: string): Promise<RegistryStandIn> {
  const [os, arch] = terraformPlatform().split('_');
  const { version } = AWS_PROVIDER_PIN;
  const unpacked = join(mirror, AWS_PROVIDER_PIN.source, version, terraformPlatform());
  const zipName = `terraform-provider-aws_${version}_${os}_${arch}.zip`;
  const entries = readdirSync(unpacked).map((name) => ({
    path: join(unpacked, name),
    mode: statSync(join(unpacked, name)).mode & 0o777,
  }));
  const shasum = await writeStoredZip(join(workDir, zipName), entries);
  writeFileSync(join(workDir, 'SHA256SUMS'), `${shasum}  ${zipName}\n`);
  const key = createSigningKey(workDir);
  key.sign(join(workDir, 'SHA256SUMS'), join(workDir, 'SHA256SUMS.sig'));
  const ca = createTestCa(workDir, REGISTRY_HOST);

  const base = `https://${REGISTRY_HOST}${FILES_PATH}`;
  const documents: Record<string, object> = {
    '/.well-known/terraform.json': { 'providers.v1': '/v1/providers/' },
    '/v1/providers/hashicorp/aws/versions': { versions: [{ version, protocols: ['5.0'], platforms: [{ os, arch }] }] },
    [`/v1/providers/hashicorp/aws/${version}/download/${os}/${arch}`]: {
      protocols: ['5.0'],
      os,
      arch,
      filename: zipName,
      download_url: `${base}${zipName}`,
      shasums_url: `${base}SHA256SUMS`,
      shasums_signature_url: `${base}SHA256SUMS.sig`,
      shasum,
      signing_keys: { gpg_public_keys: [{ key_id: key.keyId, ascii_armor: key.asciiArmor }] },
    },
  };
  const files = new Set([zipName, 'SHA256SUMS', 'SHA256SUMS.sig']);
  const requests: string[] = [];
  const answer = (req: IncomingMessage, status: number) => requests.push(`${req.method} ${req.url} ${status}`);

  const registry = createServer((req, res) => {
    const path = req.url ?? '';
    const fileName = path.startsWith(FILES_PATH) ? path.slice(FILES_PATH.length) : '';
    if (req.method === 'GET' && documents[path]) {
      answer(req, 200);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(documents[path]));
    } else if ((req.method === 'GET' || req.method === 'HEAD') && files.has(fileName)) {
      answer(req, 200);
      const file = join(workDir, fileName);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } else {
      answer(req, 404);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":["Not Found"]}');
    }
  });
  const secureContext = createSecureContext({ key: ca.key, cert: ca.cert });
  const proxy = createServer((_req, res) => res.writeHead(502).end());
  const tunnels = new Set<Socket>();
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    if (req.url !== `${REGISTRY_HOST}:443`) return void socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    registry.emit('connection', new TLSSocket(socket, { isServer: true, secureContext }));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caFile: ca.caFile,
    requests,
    close: async () => {
      for (const socket of tunnels) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      key.close();
    },
  };
}
