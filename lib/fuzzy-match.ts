/**
 * How well a name matches what the reader typed, for the quick switcher: 0 is no match, up to 1
 * the best. Korean-aware: an initial consonant matches any syllable it starts ("ㅇㅂ" finds
 * "일반", as Korean users search), and the syllable still being composed by the IME matches the
 * syllables it can become ("일바" already finds "일반").
 */
const CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const SYLLABLE_FIRST = 0xac00;
const SYLLABLES = 11172;
const PER_CHOSEONG = 588; // 21 vowels × 28 finals
const FINALS = 28;

function syllableIndex(ch: string): number {
  const i = ch.codePointAt(0)! - SYLLABLE_FIRST;
  return i >= 0 && i < SYLLABLES ? i : -1;
}

/** Does the typed character `q` match the name's character `c`? `last`: q may still be composing. */
function charMatches(q: string, c: string, last: boolean): boolean {
  if (q === c) return true;
  const ci = syllableIndex(c);
  if (ci < 0) return false;
  if (CHOSEONG.includes(q)) return CHOSEONG[Math.floor(ci / PER_CHOSEONG)] === q;
  const qi = syllableIndex(q);
  // "바" while typing "반": same initial and vowel, no final yet.
  return last && qi >= 0 && qi % FINALS === 0 && Math.floor(qi / FINALS) === Math.floor(ci / FINALS);
}

function normalize(s: string) {
  return [...s.normalize("NFC").toLowerCase()];
}

/** Where q starts in name (as whole characters), or -1. */
function findRun(name: string[], q: string[]): number {
  outer: for (let i = 0; i + q.length <= name.length; i++) {
    for (let j = 0; j < q.length; j++) if (!charMatches(q[j]!, name[i + j]!, j === q.length - 1)) continue outer;
    return i;
  }
  return -1;
}

export function matchScore(name: string, query: string): number {
  const q = normalize(query.trim()).filter((c) => c !== " ");
  if (q.length === 0) return 1;
  const n = normalize(name);
  const compact = n.filter((c) => c !== " ");
  const at = findRun(n, q);
  if (at === 0) return 1;
  if (at > 0) return /[\s\-_·#]/.test(n[at - 1]!) ? 0.9 : 0.8;
  if (findRun(compact, q) >= 0) return 0.7; // across a space: "일반채팅" finds "일반 채팅"
  // Letters in order with gaps ("gnrl" → "general"): the fewer the gaps, the better.
  let from = 0;
  let gaps = 0;
  for (let j = 0; j < q.length; j++) {
    let i = from;
    while (i < compact.length && !charMatches(q[j]!, compact[i]!, j === q.length - 1)) i++;
    if (i === compact.length) return 0;
    if (j > 0 && i > from) gaps++;
    from = i + 1;
  }
  return Math.max(0.1, 0.6 - gaps * 0.1);
}
