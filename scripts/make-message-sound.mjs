// Writes public/sounds/message.wav: the new-message sound, made here rather than downloaded.
// Two short sine notes (E6 then A6) with a soft attack and an exponential fade, 16-bit mono
// 22.05 kHz, about 8 KB. Run: node scripts/make-message-sound.mjs
import { mkdirSync, writeFileSync } from "node:fs";

const RATE = 22050;
const notes = [
  { hz: 1318.5, start: 0, length: 0.09 },
  { hz: 1760, start: 0.07, length: 0.12 },
];
const total = Math.ceil(RATE * 0.2);
const samples = new Float32Array(total);
for (const { hz, start, length } of notes) {
  const from = Math.floor(start * RATE);
  const n = Math.floor(length * RATE);
  for (let i = 0; i < n && from + i < total; i++) {
    const t = i / RATE;
    const attack = Math.min(1, t / 0.004);
    const fade = Math.exp((-5 * t) / length);
    samples[from + i] += 0.35 * attack * fade * Math.sin(2 * Math.PI * hz * t);
  }
}
const data = Buffer.alloc(total * 2);
samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32767), i * 2));
const header = Buffer.alloc(44);
header.write("RIFF", 0);
header.writeUInt32LE(36 + data.length, 4);
header.write("WAVE", 8);
header.write("fmt ", 12);
header.writeUInt32LE(16, 16); // PCM chunk size
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28); // byte rate
header.writeUInt16LE(2, 32); // block align
header.writeUInt16LE(16, 34); // bits per sample
header.write("data", 36);
header.writeUInt32LE(data.length, 40);
mkdirSync(new URL("../public/sounds/", import.meta.url), { recursive: true });
writeFileSync(new URL("../public/sounds/message.wav", import.meta.url), Buffer.concat([header, data]));
