// Fetches Adobe S3Mock's standalone jar from Maven Central once, and compiles the small class that
// keeps its plain-HTTP connector on 127.0.0.1 (see java/sl/s3mock/LoopbackConnectors.java).
// Everything lands in the git-ignored cache; later calls find it there and return at once.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cacheDir } from '../paths.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));

/** The S3Mock release the project runs (Spring Boot 3.5, Tomcat 10.1, Java 17+). */
export const S3MOCK_VERSION: string = process.env.SL_S3MOCK_VERSION ?? '4.9.1';

/** Sources of the loopback fix; their hash names the compiled output, so an edit recompiles. */
const loopbackSources = ['sl/s3mock/LoopbackConnectors.java', 'META-INF/spring.factories'];

/** Jars inside the boot jar that LoopbackConnectors compiles against (matched by file-name prefix). */
const compileLibPrefixes = ['spring-beans-', 'spring-context-', 'spring-core-', 'spring-boot-3', 'tomcat-embed-core-'];

export interface S3MockInstallation {
  /** The executable boot jar (`s3mock-<version>-exec.jar`). */
  jar: string;
  /** Folder to put on Spring Boot's `loader.path`: the compiled fix and its spring.factories. */
  loopbackClasses: string;
}

function installDir(version: string): string {
  return path.join(cacheDir, `s3mock-${version}`);
}

export function s3MockJarPath(version: string = S3MOCK_VERSION): string {
  return path.join(installDir(version), `s3mock-${version}-exec.jar`);
}

function loopbackSourceHash(): string {
  const hash = createHash('sha256');
  for (const source of loopbackSources) {
    hash.update(source).update('\0').update(fs.readFileSync(path.join(here, 'java', source)));
  }
  return hash.digest('hex').slice(0, 12);
}

export async function ensureS3MockInstalled(version: string = S3MOCK_VERSION): Promise<S3MockInstallation> {
  const jar = await ensureJar(version);
  const loopbackClasses = await ensureLoopbackClasses(version, jar);
  return { jar, loopbackClasses };
}

async function ensureJar(version: string): Promise<string> {
  const jar = s3MockJarPath(version);
  if (fs.existsSync(jar)) return jar;
  const artifact = `com.adobe.testing:s3mock:${version}:jar:exec`;
  process.stderr.write(`s3mock: fetching ${artifact} from Maven Central into ${path.dirname(jar)} (once)\n`);
  // Copied into a private folder first and renamed into place, so a parallel test worker or an
  // interrupted fetch never sees a half-written jar under the final name.
  const staging = stagingDir(installDir(version));
  try {
    await run('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${staging}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.renameSync(path.join(staging, path.basename(jar)), jar);
  } catch (error) {
    const detail = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`s3mock: could not fetch ${artifact} with Maven (is mvn installed?)\n${detail}`, { cause: error });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  process.stderr.write(`s3mock: ${path.basename(jar)} ready\n`);
  return jar;
}

async function ensureLoopbackClasses(version: string, jar: string): Promise<string> {
  const target = path.join(installDir(version), `loopback-${loopbackSourceHash()}`);
  if (fs.existsSync(target)) return target;
  process.stderr.write(`s3mock: compiling the loopback connector fix into ${target} (once)\n`);
  const staging = stagingDir(installDir(version));
  try {
    const libs = await extractCompileLibs(jar, path.join(staging, 'lib'));
    const classes = path.join(staging, 'classes');
    await run('javac', [
      '--release',
      '17',
      '-nowarn',
      '-cp',
      libs.join(path.delimiter),
      '-d',
      classes,
      path.join(here, 'java', 'sl', 's3mock', 'LoopbackConnectors.java'),
    ]).catch((error: unknown) => {
      const detail = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`s3mock: javac failed (a JDK 17+ must be on PATH)\n${detail}`, { cause: error });
    });
    fs.cpSync(path.join(here, 'java', 'META-INF'), path.join(classes, 'META-INF'), { recursive: true });
    try {
      fs.renameSync(classes, target);
    } catch (error) {
      // Another process compiled the same sources first; its output is identical.
      if (!fs.existsSync(target)) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** Pulls the few nested jars javac needs out of the boot jar (javac cannot read nested jars). */
async function extractCompileLibs(jar: string, into: string): Promise<string[]> {
  fs.mkdirSync(into, { recursive: true });
  const { stdout } = await run('jar', ['tf', jar], { maxBuffer: 64 * 1024 * 1024 });
  const entries = stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((entry) => {
      const name = entry.slice('BOOT-INF/lib/'.length);
      return entry.startsWith('BOOT-INF/lib/') && compileLibPrefixes.some((prefix) => name.startsWith(prefix));
    });
  if (entries.length !== compileLibPrefixes.length) {
    throw new Error(`s3mock: expected ${compileLibPrefixes.join(', ')} inside ${jar}, found ${entries.join(', ') || 'none'}`);
  }
  await run('jar', ['xf', jar, ...entries], { cwd: into });
  return entries.map((entry) => path.join(into, entry));
}

function stagingDir(parent: string): string {
  const dir = path.join(parent, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
