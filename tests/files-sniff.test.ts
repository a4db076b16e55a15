import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { SNIFF_HEAD_BYTES, sniffFile } from "@/server/files/sniff";

const bytes = (...parts: (number[] | string | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** An ISO BMFF `ftyp` box: major brand, minor version, compatible brands, then the start of an mdat. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return bytes(u32(size), "ftyp", major, u32(0x200), compatible.join(""), u32(8), "mdat");
}

/** An EBML header with the given DocType, as WebM and Matroska files start. */
function ebml(docType: string): Uint8Array {
  const version = [0x42, 0x86, 0x81, 0x01];
  const docTypeElement = bytes([0x42, 0x82, 0x80 | docType.length], docType);
  const body = bytes(version, docTypeElement, [0x42, 0x87, 0x81, 0x04]);
  return bytes([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length], body, [0x18, 0x53, 0x80, 0x67]);
}

const zipHead = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], "\0".repeat(16), "[Content_Types].xml");
const oleHead = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Uint8Array(504));

describe("sniffFile", () => {
  it("knows the four inline image types by their signatures, made by sharp", async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 3, background: "#369" } });
    const cases = [
      [await base.clone().png().toBuffer(), "image/png", "png"],
      [await base.clone().jpeg().toBuffer(), "image/jpeg", "jpg"],
      [await base.clone().gif().toBuffer(), "image/gif", "gif"],
      [await base.clone().webp().toBuffer(), "image/webp", "webp"],
    ] as const;
    for (const [data, mime, ext] of cases)
      expect(sniffFile(data.subarray(0, SNIFF_HEAD_BYTES), "whatever.bin")).toEqual({ mime, kind: "image", ext, inline: true });
  });

  it("trusts content, not the name: a PNG called photo.jpg is a PNG, text called a.png is text", async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    expect(sniffFile(png, "photo.jpg")).toMatchObject({ mime: "image/png", ext: "png" });
    expect(sniffFile(bytes("hello"), "a.png")).toMatchObject({ mime: "text/plain", kind: "file", ext: "txt" });
  });

  it("plays MP4 and M4V inline for the usual ftyp brands", () => {
    for (const brand of ["isom", "iso2", "mp41", "mp42", "avc1", "dash"])
      expect(sniffFile(ftyp(brand, "isom", "avc1"), "v")).toEqual({ mime: "video/mp4", kind: "video", ext: "mp4", inline: true });
    expect(sniffFile(ftyp("M4V ", "M4V ", "mp42", "isom"), "clip.m4v")).toEqual({
      mime: "video/mp4",
      kind: "video",
      ext: "m4v",
      inline: true,
    });
  });

  it("serves QuickTime as video/quicktime", () => {
    expect(sniffFile(ftyp("qt  ", "qt  "), "IMG_0001.MOV")).toEqual({ mime: "video/quicktime", kind: "video", ext: "mov", inline: true });
  });

  it("keeps HEIC, HEIF and AVIF as files, including a mif1 major brand narrowed by its compatible brands", () => {
    expect(sniffFile(ftyp("heic", "mif1", "heic"), "a")).toEqual({ mime: "image/heic", kind: "file", ext: "heic", inline: false });
    expect(sniffFile(ftyp("mif1", "mif1", "heic"), "a")).toMatchObject({ mime: "image/heic", inline: false });
    expect(sniffFile(ftyp("avif", "avif", "mif1"), "a")).toEqual({ mime: "image/avif", kind: "file", ext: "avif", inline: false });
    expect(sniffFile(ftyp("mif1", "mif1", "avif", "miaf"), "a")).toMatchObject({ mime: "image/avif" });
    expect(sniffFile(ftyp("mif1", "mif1", "miaf"), "a")).toMatchObject({ mime: "image/heif", ext: "heif", inline: false });
  });

  it("keeps M4A audio as a file, also an isom file that declares M4A", () => {
    expect(sniffFile(ftyp("M4A ", "M4A ", "mp42", "isom"), "song.m4a")).toEqual({
      mime: "audio/mp4",
      kind: "file",
      ext: "m4a",
      inline: false,
    });
    expect(sniffFile(ftyp("isom", "M4A ", "mp42"), "song")).toMatchObject({ mime: "audio/mp4" });
  });

  it("refuses an ftyp with a brand it does not know (3GP, CR3 raw, JPEG 2000)", () => {
    expect(sniffFile(ftyp("3gp4", "3gp4"), "a.3gp")).toBeNull();
    expect(sniffFile(ftyp("crx ", "crx "), "a.cr3")).toBeNull();
    expect(sniffFile(ftyp("jp2 ", "jp2 "), "a.jp2")).toBeNull();
  });

  it("plays WebM inline and keeps Matroska as a file, by the EBML DocType", () => {
    expect(sniffFile(ebml("webm"), "v.webm")).toEqual({ mime: "video/webm", kind: "video", ext: "webm", inline: true });
    expect(sniffFile(ebml("matroska"), "v.mkv")).toEqual({ mime: "video/x-matroska", kind: "file", ext: "mkv", inline: false });
    expect(sniffFile(ebml("matroska"), "v.webm")).toMatchObject({ inline: false });
    expect(sniffFile(ebml("other"), "v.webm")).toBeNull();
    expect(sniffFile(bytes([0x1a, 0x45, 0xdf, 0xa3]), "v.webm")).toBeNull();
  });

  it("knows PDF", () => {
    expect(sniffFile(bytes("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "a.pdf")).toEqual({
      mime: "application/pdf",
      kind: "file",
      ext: "pdf",
      inline: false,
    });
  });

  it("tells OOXML and HWPX from a plain ZIP by the name only", () => {
    expect(sniffFile(zipHead, "보고서.docx")).toEqual({
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      kind: "file",
      ext: "docx",
      inline: false,
    });
    expect(sniffFile(zipHead, "a.XLSX")).toMatchObject({
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ext: "xlsx",
    });
    expect(sniffFile(zipHead, "a.pptx")).toMatchObject({
      mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    });
    expect(sniffFile(zipHead, "공문.hwpx")).toMatchObject({ mime: "application/hwp+zip", ext: "hwpx" });
    expect(sniffFile(zipHead, "a.zip")).toEqual({ mime: "application/zip", kind: "file", ext: "zip", inline: false });
    expect(sniffFile(zipHead, "app.jar")).toMatchObject({ mime: "application/zip", ext: "zip" });
    expect(sniffFile(bytes([0x50, 0x4b, 0x05, 0x06], new Uint8Array(18)), "empty.zip")).toMatchObject({ mime: "application/zip" });
  });

  it("tells HWP, DOC, XLS and PPT apart inside an OLE compound file by the name, else a generic OLE file", () => {
    expect(sniffFile(oleHead, "공문.hwp")).toEqual({ mime: "application/x-hwp", kind: "file", ext: "hwp", inline: false });
    expect(sniffFile(oleHead, "a.doc")).toMatchObject({ mime: "application/msword", ext: "doc" });
    expect(sniffFile(oleHead, "a.xls")).toMatchObject({ mime: "application/vnd.ms-excel", ext: "xls" });
    expect(sniffFile(oleHead, "a.ppt")).toMatchObject({ mime: "application/vnd.ms-powerpoint", ext: "ppt" });
    expect(sniffFile(oleHead, "setup.msi")).toEqual({ mime: "application/x-ole-storage", kind: "file", ext: "ole", inline: false });
  });

  it("knows the audio formats and archives by signature", () => {
    const cases: [Uint8Array, string, string][] = [
      [bytes("ID3", [0x04, 0x00, 0x00, 0, 0, 0, 0x10]), "audio/mpeg", "mp3"],
      [bytes([0xff, 0xfb, 0x90, 0x64, 0x00]), "audio/mpeg", "mp3"], // MPEG-1 layer III, 128 kbit/s, 44.1 kHz
      [bytes([0xff, 0xf3, 0x84, 0xc4, 0x00]), "audio/mpeg", "mp3"], // MPEG-2 layer III
      [bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt "), "audio/wav", "wav"],
      [bytes("OggS", [0x00, 0x02], new Uint8Array(20)), "audio/ogg", "ogg"],
      [bytes("fLaC", [0x00, 0x00, 0x00, 0x22]), "audio/flac", "flac"],
      [bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0x00, 0x04]), "application/x-7z-compressed", "7z"],
      [bytes("Rar!", [0x1a, 0x07, 0x00, 0xcf]), "application/vnd.rar", "rar"],
      [bytes("Rar!", [0x1a, 0x07, 0x01, 0x00, 0x33]), "application/vnd.rar", "rar"],
      [bytes([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03]), "application/gzip", "gz"],
    ];
    for (const [head, mime, ext] of cases) expect(sniffFile(head, "x"), mime).toEqual({ mime, kind: "file", ext, inline: false });
  });

  it("does not take AAC's ADTS sync or a bad MP3 frame header for MP3", () => {
    expect(sniffFile(bytes([0xff, 0xf1, 0x50, 0x80]), "a.aac")).toBeNull(); // layer 0: ADTS
    expect(sniffFile(bytes([0xff, 0xfb, 0xf0, 0x64]), "a.mp3")).toBeNull(); // bitrate index 15
    expect(sniffFile(bytes([0xff, 0xfb, 0x9c, 0x64]), "a.mp3")).toBeNull(); // sample rate index 3
  });

  it("refuses RIFF that is not WAVE or WebP (AVI)", () => {
    expect(sniffFile(bytes("RIFF", [0, 0, 0, 0], "AVI LIST"), "a.avi")).toBeNull();
  });

  it("takes UTF-8 text as text/plain, CSV and Markdown by their extensions", () => {
    const korean = bytes(Buffer.from("안녕하세요, 모임!\r\n\tSecond line\n", "utf8"));
    expect(sniffFile(korean, "hello.txt")).toEqual({ mime: "text/plain", kind: "file", ext: "txt", inline: false });
    expect(sniffFile(bytes([0xef, 0xbb, 0xbf], Buffer.from("이름,나이\n김,30\n")), "people.csv")).toEqual({
      mime: "text/csv",
      kind: "file",
      ext: "csv",
      inline: false,
    });
    expect(sniffFile(bytes("# Title\n\n*hi*\n"), "README.md")).toMatchObject({ mime: "text/markdown", ext: "md" });
    expect(sniffFile(bytes("\x1b[31mred\x1b[0m\n"), "build.log")).toMatchObject({ mime: "text/plain", ext: "txt" });
  });

  it("serves HTML and SVG only as text/plain files, never as a page or an SVG image", () => {
    const html = bytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    const svg = bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
    for (const [head, name] of [
      [html, "page.html"],
      [svg, "logo.svg"],
      [svg, "logo.png"],
    ] as const)
      expect(sniffFile(head, name)).toEqual({ mime: "text/plain", kind: "file", ext: "txt", inline: false });
  });

  it("refuses text with NUL or other control bytes, and invalid UTF-8", () => {
    expect(sniffFile(bytes("abc\0def"), "a.txt")).toBeNull();
    expect(sniffFile(bytes("abc\x01def"), "a.txt")).toBeNull();
    expect(sniffFile(bytes([0x61, 0xc3, 0x28]), "a.txt")).toBeNull(); // bad continuation
    expect(sniffFile(bytes([0xc0, 0xaf]), "a.txt")).toBeNull(); // overlong "/"
    expect(sniffFile(bytes([0xed, 0xa0, 0x80]), "a.txt")).toBeNull(); // a UTF-16 surrogate
    expect(sniffFile(bytes([0xf4, 0x90, 0x80, 0x80]), "a.txt")).toBeNull(); // past U+10FFFF
    expect(sniffFile(bytes([0xff, 0xfe, 0x61, 0x00]), "a.txt")).toBeNull(); // UTF-16 LE
  });

  it("allows a character cut by the end of a full-length head, not by the end of a whole small file", () => {
    const full = Buffer.from("가".repeat(1400), "utf8").subarray(0, SNIFF_HEAD_BYTES - 1); // 4099 bytes: ends mid-character
    const cut = bytes(Buffer.from("a"), full);
    expect(cut.length).toBe(SNIFF_HEAD_BYTES);
    expect(sniffFile(cut, "long.txt")).toMatchObject({ mime: "text/plain" });
    expect(sniffFile(bytes(Buffer.from("가나", "utf8")).subarray(0, 4), "short.txt")).toBeNull();
  });

  it("refuses executables and anything unknown", () => {
    const exe = bytes("MZ", [0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff], new Uint8Array(48), "PE\0\0");
    const elf = bytes([0x7f], "ELF", [0x02, 0x01, 0x01, 0x00], new Uint8Array(8), [0x02, 0x00, 0x3e, 0x00]);
    const machO = bytes([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]);
    expect(sniffFile(exe, "invoice.pdf")).toBeNull();
    expect(sniffFile(elf, "a.txt")).toBeNull();
    expect(sniffFile(machO, "a.zip")).toBeNull();
    expect(sniffFile(new Uint8Array(0), "empty.txt")).toBeNull();
    expect(sniffFile(bytes([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]), "a.bin")).toBeNull();
  });
});
