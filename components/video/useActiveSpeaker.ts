"use client";
import { useEffect, useState } from "react";

/** The loudest participant right now (socket id, or "me"), from the audio levels of their streams. */
export function useActiveSpeaker(streams: Array<{ id: string; stream: MediaStream | null }>): string | null {
  const [speaker, setSpeaker] = useState<string | null>(null);
  const key = streams.map((s) => `${s.id}:${s.stream?.id ?? ""}`).join(",");
  useEffect(() => {
    const withAudio = streams.filter((s) => s.stream?.getAudioTracks().length);
    if (withAudio.length === 0 || typeof AudioContext === "undefined") return;
    const context = new AudioContext();
    const meters = withAudio.map(({ id, stream }) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      context.createMediaStreamSource(stream!).connect(analyser);
      return { id, analyser, samples: new Float32Array(analyser.fftSize) };
    });
    const timer = setInterval(() => {
      let best: { id: string; level: number } | null = null;
      for (const m of meters) {
        m.analyser.getFloatTimeDomainData(m.samples);
        const level = Math.sqrt(m.samples.reduce((sum, v) => sum + v * v, 0) / m.samples.length);
        if (level > 0.02 && (!best || level > best.level)) best = { id: m.id, level };
      }
      setSpeaker(best?.id ?? null);
    }, 300);
    return () => {
      clearInterval(timer);
      void context.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the streams are keyed by `key`
  }, [key]);
  return speaker;
}
