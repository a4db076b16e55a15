// tests/attachments.test.ts's limits, set before anything builds the config (no imports here:
// this module runs first). Chat files go under a temporary DATA_DIR; small limits, so a test
// reaches them with a few megabytes: files 1 MB, videos 2 MB, photos 3 MB; a 6 MB quota.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "moim-attachments-"));
process.env.ATTACHMENT_MAX_MB_FILE = "1";
process.env.ATTACHMENT_MAX_MB_VIDEO = "2";
process.env.ATTACHMENT_MAX_MB_IMAGE = "3";
process.env.UPLOAD_QUOTA_MB = "6";
