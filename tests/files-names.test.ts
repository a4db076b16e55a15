import { describe, expect, it } from "vitest";
import { contentDisposition, FILE_NAME_MAX_CHARS, sanitizeFileName, withExtension } from "@/server/files/names";

const chars = (s: string) => [...s].length;

describe("sanitizeFileName", () => {
  it("keeps only the last path segment, for both separators", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\Desktop\\사진.jpg")).toBe("사진.jpg");
    expect(sanitizeFileName("a/b\\c.txt")).toBe("c.txt");
  });

  it("removes bidi controls so a reversed extension cannot disguise an .exe", () => {
    expect(sanitizeFileName("invoice\u202Egpj.exe")).toBe("invoicegpj.exe");
    for (const c of ["\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u061C"])
      expect(sanitizeFileName(`a${c}b.txt`), c.codePointAt(0)!.toString(16)).toBe("ab.txt");
  });

  it("removes zero-width and other invisible characters, including the Hangul fillers", () => {
    expect(sanitizeFileName("\uFEFFre\u200Bport\u200C\u200D\u2060.pdf")).toBe("report.pdf");
    expect(sanitizeFileName("soft\u00ADhyphen.txt")).toBe("softhyphen.txt");
    expect(sanitizeFileName("\u3164\uFFA0.txt")).toBe("txt");
    expect(sanitizeFileName("\u3164", "png")).toBe("file.png");
  });

  it("removes C0 and C1 controls, turning line breaks and tabs into spaces", () => {
    expect(sanitizeFileName("\u0000a.txt")).toBe("a.txt");
    expect(sanitizeFileName("a\u0007\u001b\u007f\u0080\u009fb.txt")).toBe("ab.txt");
    expect(sanitizeFileName("line\r\none\tand\u0085two.txt")).toBe("line one and two.txt");
  });

  it("collapses whitespace, including no-break and ideographic spaces", () => {
    expect(sanitizeFileName("a   b\u00A0\u3000 c.txt")).toBe("a b c.txt");
  });

  it("strips leading and trailing dots and spaces", () => {
    expect(sanitizeFileName("  .hidden  ")).toBe("hidden");
    expect(sanitizeFileName("name.txt. . ")).toBe("name.txt");
    expect(sanitizeFileName("...")).toBe("file");
  });

  it("refuses . and .. and Windows device names", () => {
    expect(sanitizeFileName(".")).toBe("file");
    expect(sanitizeFileName("..", "txt")).toBe("file.txt");
    expect(sanitizeFileName("foo/..")).toBe("file");
    expect(sanitizeFileName("CON")).toBe("_CON");
    expect(sanitizeFileName("nul.txt")).toBe("_nul.txt");
    expect(sanitizeFileName("console.txt")).toBe("console.txt");
  });

  it("NFC-normalises, so a name typed on a Mac matches the same name typed elsewhere", () => {
    const decomposed = "\u1112\u1161\u11AB\u1100\u1173\u11AF.txt"; // 한글 as conjoining jamo (macOS)
    expect(sanitizeFileName(decomposed)).toBe("한글.txt");
    expect(sanitizeFileName("cafe\u0301.txt")).toBe("café.txt");
  });

  it("limits a 300-character Korean name to 120 characters, counted as characters, keeping the extension", () => {
    const name = sanitizeFileName(`${"가나다".repeat(100)}.pdf`);
    expect(chars(name)).toBe(FILE_NAME_MAX_CHARS);
    expect(name.endsWith(".pdf")).toBe(true);
    expect(name.startsWith("가나다가")).toBe(true);
  });

  it("does not cut a surrogate pair or a letter from its accent", () => {
    const emoji = sanitizeFileName("a" + "😀".repeat(200) + ".png");
    expect(emoji).toMatch(/^a(😀)+\.png$/u);
    expect(chars(emoji)).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
    expect(emoji.isWellFormed()).toBe(true);
    const accents = sanitizeFileName("x\u0301\u0302".repeat(60) + ".txt"); // no precomposed x: 3 code points a letter
    expect(accents).toMatch(/^(x\u0301\u0302)+\.txt$/u);
    expect(chars(accents)).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
  });

  it("cuts a long name with no real extension at the limit", () => {
    expect(chars(sanitizeFileName("x".repeat(500)))).toBe(FILE_NAME_MAX_CHARS);
    const sentence = sanitizeFileName(`${"word ".repeat(40)}. and then some more words here`);
    expect(chars(sentence)).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
    expect(sentence.endsWith(" ")).toBe(false);
  });

  it("removes lone surrogates", () => {
    expect(sanitizeFileName("a\uD800b\uDC00.txt")).toBe("ab.txt");
  });

  it("falls back to file plus the fallback extension when nothing is left", () => {
    expect(sanitizeFileName("")).toBe("file");
    expect(sanitizeFileName("   ", "jpg")).toBe("file.jpg");
    expect(sanitizeFileName("/", ".PNG")).toBe("file.png");
    expect(sanitizeFileName("\u202E\u200B")).toBe("file");
  });

  it("leaves an ordinary name alone", () => {
    expect(sanitizeFileName("2024 회의록 (최종).hwp")).toBe("2024 회의록 (최종).hwp");
  });
});

describe("withExtension", () => {
  it("appends the canonical extension when the name has none or another one", () => {
    expect(withExtension("photo", "jpg")).toBe("photo.jpg");
    expect(withExtension("photo.png", "jpg")).toBe("photo.png.jpg");
    expect(withExtension("page.html", "txt")).toBe("page.html.txt");
    expect(withExtension("logo.svg", "txt")).toBe("logo.svg.txt");
    expect(withExtension("run.bat", "txt")).toBe("run.bat.txt");
    expect(withExtension("app.jar", "zip")).toBe("app.jar.zip");
  });

  it("keeps an extension that is the same type under another spelling, whatever its case", () => {
    expect(withExtension("photo.JPEG", "jpg")).toBe("photo.JPEG");
    expect(withExtension("photo.jpg", "jpg")).toBe("photo.jpg");
    expect(withExtension("clip.m4v", "mp4")).toBe("clip.m4v");
    expect(withExtension("IMG_0001.MOV", "mov")).toBe("IMG_0001.MOV");
    expect(withExtension("notes.markdown", "md")).toBe("notes.markdown");
    expect(withExtension("server.log", "txt")).toBe("server.log");
    expect(withExtension("backup.tgz", "gz")).toBe("backup.tgz");
    expect(withExtension("a.docx", ".docx")).toBe("a.docx");
  });

  it("stays within the length limit, keeping the new extension", () => {
    const name = withExtension("가".repeat(FILE_NAME_MAX_CHARS), "pdf");
    expect(chars(name)).toBe(FILE_NAME_MAX_CHARS);
    expect(name.endsWith("가.pdf")).toBe(true);
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII name and the exact UTF-8 name for a Korean file", () => {
    expect(contentDisposition("보고서 2024.pdf", false)).toBe(
      `attachment; filename="_ 2024.pdf"; filename*=UTF-8''%EB%B3%B4%EA%B3%A0%EC%84%9C%202024.pdf`,
    );
  });

  it("says inline for what a browser may show", () => {
    expect(contentDisposition("a.png", true)).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
  });

  it("cannot be broken out of by quotes, backslashes, percent signs, semicolons or line breaks", () => {
    const header = contentDisposition('a"; filename="evil.exe%41;\r\nX-Injected: 1.txt', false);
    expect(header).not.toMatch(/[\r\n]/);
    const quoted = header.match(/^attachment; filename="([^"]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/);
    expect(quoted).not.toBeNull();
    expect(quoted![1]).not.toMatch(/["\\%]/);
    expect(decodeURIComponent(quoted![2]!)).toBe('a"; filename="evil.exe%41; X-Injected: 1.txt');
  });

  it("never carries a backslash: it is a path separator, so only the name after it is kept", () => {
    expect(contentDisposition('x\\"quoted".txt', false)).toBe(`attachment; filename="_quoted_.txt"; filename*=UTF-8''%22quoted%22.txt`);
  });

  it("percent-encodes what RFC 5987 does not allow bare, and drops accents in the fallback", () => {
    expect(contentDisposition("it's (1)*.txt", false)).toBe(
      `attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`,
    );
    expect(contentDisposition("café.txt", false)).toBe(`attachment; filename="cafe.txt"; filename*=UTF-8''caf%C3%A9.txt`);
  });

  it("sanitizes what it is given", () => {
    expect(contentDisposition("../x\u202E.txt", false)).toBe(`attachment; filename="x.txt"; filename*=UTF-8''x.txt`);
    expect(contentDisposition("", false)).toBe(`attachment; filename="file"; filename*=UTF-8''file`);
  });
});
