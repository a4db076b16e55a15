import "server-only";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { S3Client } from "@aws-sdk/client-s3";
import { checkKey, limited, type FileStorage } from "./storage";

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, Ceph…); AWS itself when absent. */
  endpoint: string | null;
  /** `bucket.host/key` (AWS's default) or `host/bucket/key` (what most self-hosted servers want). */
  forcePathStyle: boolean;
  /** Put before every key, e.g. `moim/files/`, so a bucket can be shared. */
  prefix: string;
  /** From the environment's usual chain (AWS_* variables, instance role…) when absent. */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

/** Parts of a multipart upload: S3's minimum is 5 MiB; two in flight bound the memory per upload. */
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NotFound" || e?.name === "NoSuchKey" || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible bucket, behind the same interface as the local disk. The SDK is loaded
 * only when a bucket is configured. A file streams in as a multipart upload (at most
 * PART_BYTES × PARTS_IN_FLIGHT held at once) and appears under its key only when the upload
 * completes; a refused or broken upload is aborted, so nothing is left under the key.
 */
export function s3Storage(settings: S3Settings): FileStorage {
  let loaded: Promise<{ client: S3Client; sdk: typeof import("@aws-sdk/client-s3"); Upload: typeof import("@aws-sdk/lib-storage").Upload }> | null = null;
  const ready = () =>
    (loaded ??= (async () => {
      const [sdk, { Upload }] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage")]);
      const client = new sdk.S3Client({
        region: settings.region,
        ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
        forcePathStyle: settings.forcePathStyle,
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      });
      return { client, sdk, Upload };
    })());
  const Key = (key: string) => `${settings.prefix}${checkKey(key)}`;
  const Bucket = settings.bucket;

  return {
    async put(key, source, options) {
      const { client, Upload } = await ready();
      const { transform, bytes } = limited(options);
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket, Key: Key(key), Body: body, ContentType: "application/octet-stream" },
        partSize: PART_BYTES,
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      });
      const feeding = pipeline(source, transform, body);
      // A refusal from the limit or the type check ends the feed first: abort the upload then.
      const fed = feeding.catch(async (err: unknown) => {
        await upload.abort().catch(() => undefined);
        throw err;
      });
      // A failed upload stops reading: end the feed too, or it would wait on a full buffer forever.
      const done = upload.done().catch((err: unknown) => {
        body.destroy(err as Error);
        throw err;
      });
      const [fedResult, uploaded] = await Promise.allSettled([fed, done]);
      if (fedResult.status === "rejected") throw fedResult.reason;
      if (uploaded.status === "rejected") throw uploaded.reason;
      return { bytes: bytes() };
    },
    async get(key, range) {
      const { client, sdk } = await ready();
      const out = await client.send(
        new sdk.GetObjectCommand({ Bucket, Key: Key(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
      );
      // With a range, Content-Range says the whole size ("bytes 0-9/1234").
      const whole = out.ContentRange ? Number(out.ContentRange.split("/")[1]) : out.ContentLength;
      return { stream: out.Body as Readable, size: Number(whole ?? 0) };
    },
    async size(key) {
      const { client, sdk } = await ready();
      try {
        const head = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: Key(key) }));
        return Number(head.ContentLength ?? 0);
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    async remove(key) {
      const { client, sdk } = await ready();
      // S3 answers a delete of a missing key with success too.
      await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: Key(key) }));
    },
  };
}
