// What the global setup hands every integration test through vitest's provide/inject.
export interface S3Target {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
    s3: S3Target;
  }
}
