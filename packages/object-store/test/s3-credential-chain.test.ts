// Without keys in its configuration, the S3 store signs with whatever the AWS SDK's default chain
// finds; here a shared credentials file and a profile. A loopback server records the signature.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { parseObjectStoreConfig } from '../src/object-store-from-env.ts';
import { createS3ObjectStore } from '../src/s3-object-store.ts';

const CHAIN_VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
];
const saved = Object.fromEntries(CHAIN_VARS.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of CHAIN_VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

it('signs with the credentials the default chain finds when the configuration names none', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sl-aws-chain-'));
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(credentials, '[listening]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = secret-from-profile\n');
  for (const name of CHAIN_VARS) delete process.env[name];
  process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
  process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
  process.env.AWS_PROFILE = 'listening';

  const authorizations: string[] = [];
  const server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const config = parseObjectStoreConfig({ S3_ENDPOINT: endpoint, S3_BUCKET: 'brand-listening' }, { defaultLocalRoot: dir });
    expect(config).toMatchObject({ kind: 's3', accessKeyId: undefined, secretAccessKey: undefined });
    if (config.kind !== 's3') throw new Error('expected an S3 configuration');
    const { kind: _kind, ...settings } = config;
    const store = createS3ObjectStore({ ...settings, maxAttempts: 1 });
    expect(await store.head('rollups/v1/x.parquet')).toBeUndefined();
    await store.close();
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(authorizations).toHaveLength(1);
  expect(authorizations[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFROMPROFILE\/\d{8}\/us-east-1\/s3\/aws4_request,/);
});
