// Multipart upload of one in-memory body: parts in parallel (bounded), each with the SDK's default
// CRC32 checksum, the part checksums repeated in the completion so S3 verifies the whole. Any
// failure aborts the upload, so no invisible parts are left to be billed.
import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

export interface MultipartUploadRequest {
  client: S3Client;
  bucket: string;
  key: string;
  body: Uint8Array;
  contentType: string | undefined;
  /** Bytes per part; S3 wants at least 5 MiB for all but the last. */
  partSize: number;
  /** Parts in flight at once. */
  concurrency: number;
}

export async function uploadMultipart(request: MultipartUploadRequest): Promise<void> {
  const { client, bucket, key, body, partSize } = request;
  const created = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      ContentType: request.contentType,
      // Declared up front so S3 accepts the CRC32 the SDK attaches to every part by default.
      ChecksumAlgorithm: 'CRC32',
    }),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error(`CreateMultipartUpload for ${key} returned no UploadId`);

  const partCount = Math.ceil(body.byteLength / partSize);
  const parts: CompletedPart[] = new Array(partCount);
  let nextPart = 0;
  let failed = false;
  const uploadParts = async (): Promise<void> => {
    // Each worker takes the next part number until none are left or one part has failed.
    while (!failed && nextPart < partCount) {
      const index = nextPart++;
      const response = await client
        .send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: index + 1,
            Body: body.subarray(index * partSize, Math.min((index + 1) * partSize, body.byteLength)),
          }),
        )
        .catch((error: unknown) => {
          failed = true;
          throw error;
        });
      parts[index] = { PartNumber: index + 1, ETag: response.ETag, ChecksumCRC32: response.ChecksumCRC32 };
    }
  };

  // allSettled, not all: abort only once no part is still in flight, or a late part could outlive it.
  const results = await Promise.allSettled(Array.from({ length: Math.min(request.concurrency, partCount) }, uploadParts));
  const failure = results.find((result) => result.status === 'rejected');
  try {
    if (failure) throw failure.reason;
    await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
    );
  } catch (error) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => {
      // The original error matters more; a bucket lifecycle rule cleans up what abort could not.
    });
    throw error;
  }
}
