// A private CA and a server certificate for 127.0.0.1/localhost, made with openssl once per data
// directory, for the local broker's TLS listener. Not for anything but loopback tests and demos.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrokerTlsFiles } from './broker-security.ts';

const run = promisify(execFile);

export async function ensureBrokerTlsFiles(dataDir: string): Promise<BrokerTlsFiles> {
  const dir = path.join(dataDir, 'tls');
  const files: BrokerTlsFiles = { caFile: path.join(dir, 'ca.pem'), keyAndCertFile: path.join(dir, 'broker.pem') };
  if (fs.existsSync(files.caFile) && fs.existsSync(files.keyAndCertFile)) return files;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const at = (name: string) => path.join(dir, name);
  const extFile = at('broker.ext');
  fs.writeFileSync(
    extFile,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  const openssl = async (args: string[]) => {
    try {
      await run('openssl', args);
    } catch (error) {
      const detail = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`kafka: openssl ${args[0]} failed while making the broker's TLS certificate (is openssl installed?)\n${detail}`, {
        cause: error,
      });
    }
  };
  // -nodes writes unencrypted PKCS#8 keys, the form Kafka's PEM key store reads without a key password.
  await openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    at('ca.key'),
    '-out',
    files.caFile,
    '-days',
    '3650',
    '-subj',
    '/CN=sl-local-kafka-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('broker.key'), '-out', at('broker.csr'), '-subj', '/CN=localhost']);
  await openssl([
    'x509',
    '-req',
    '-in',
    at('broker.csr'),
    '-CA',
    files.caFile,
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('broker.crt'),
    '-days',
    '825',
    '-extfile',
    extFile,
  ]);
  // Kafka's PEM key store wants the key and its certificate chain in one file.
  fs.writeFileSync(
    files.keyAndCertFile,
    fs.readFileSync(at('broker.key'), 'utf8') + fs.readFileSync(at('broker.crt'), 'utf8') + fs.readFileSync(files.caFile, 'utf8'),
    { mode: 0o600 },
  );
  return files;
}
