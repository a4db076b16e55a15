"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/Alert";
import { Avatar } from "@/components/ui/Avatar";
import { Button } from "@/components/ui/Button";
import { useErrorText } from "@/components/ui/useErrorText";
import type { MediaState, UserSummary } from "@/lib/realtime/contract";
import { IconToggle, MemberStatus, PomodoroClock, useMembersElapsed } from "@/components/study/StudyRoomParts";
import { useStudyRoom } from "@/components/study/useStudyRoom";
import type { StudyRoomMember } from "@/lib/realtime/contract";
import { LayoutGrid, Timer } from "lucide-react";
import { useActiveSpeaker } from "./useActiveSpeaker";
import { useVideoRoom } from "./useVideoRoom";

interface Tile {
  id: string;
  user: UserSummary;
  media: MediaState;
  stream: MediaStream | null;
  self: boolean;
}

/**
 * A video room: the pre-join screen (devices, preview, join with mic or camera off), then a
 * grid of participants with the active speaker highlighted; a shared screen takes the big tile.
 * `study`: a space's video channel, which may be a study room: then its shared pomodoro shows
 * above the call, each tile says what its person is doing, and the focus layout puts the
 * pomodoro big with the cameras small.
 */
export function VideoRoom({
  channelId,
  me,
  cap,
  onClose,
  study: maybeStudy = false,
}: {
  channelId: string;
  me: UserSummary;
  cap: number;
  onClose?: () => void;
  study?: boolean;
}) {
  const t = useTranslations("video");
  const s = useTranslations("studyRoom");
  const errorText = useErrorText();
  const room = useVideoRoom(channelId);
  const study = useStudyRoom(channelId, room.phase === "joined", maybeStudy);
  const elapsed = useMembersElapsed(study);
  const [focusLayout, setFocusLayout] = useState(false);
  const statusOf = new Map<string, StudyRoomMember>(study.room ? study.members.map((m) => [m.user.id, m]) : []);
  const { openDevices } = room;
  const [devices, setDevices] = useState<{ audio: MediaDeviceInfo[]; video: MediaDeviceInfo[] }>({ audio: [], video: [] });
  const [chosen, setChosen] = useState<{ audioId?: string; videoId?: string }>({});

  useEffect(() => {
    let live = true;
    void openDevices(chosen).then(async () => {
      if (!live || !navigator.mediaDevices?.enumerateDevices) return;
      const all = await navigator.mediaDevices.enumerateDevices();
      setDevices({ audio: all.filter((d) => d.kind === "audioinput"), video: all.filter((d) => d.kind === "videoinput") });
    });
    return () => {
      live = false;
    };
  }, [openDevices, chosen]);

  const tiles: Tile[] = [
    { id: "me", user: me, media: room.media, stream: room.local, self: true },
    ...room.peers.map((p) => ({ id: p.socketId, user: p.user, media: p.media, stream: p.stream, self: false })),
  ];
  const speaker = useActiveSpeaker(room.phase === "joined" ? tiles.map((tile) => ({ id: tile.id, stream: tile.stream })) : []);
  const problem = room.problem && (
    <Alert>{t(room.problem === "denied" ? "denied" : room.problem === "no-camera" ? "noCamera" : "noDevices")}</Alert>
  );

  if (room.phase !== "joined") {
    return (
      <div className="dark-surface flex min-h-0 flex-1 items-center justify-center overflow-y-auto bg-stone-950 p-4">
        <div className="w-full max-w-lg rounded-2xl bg-stone-900 p-4 text-stone-100 shadow-xl sm:p-6" data-testid="prejoin">
          {study.room && (
            <div className="mb-4 rounded-xl bg-stone-800 px-3 py-2">
              <PomodoroClock study={study} dark />
            </div>
          )}
          <div className="relative aspect-video overflow-hidden rounded-xl bg-stone-800">
            {room.local && room.media.camera ? (
              <Video stream={room.local} muted mirrored label={t("preview")} />
            ) : (
              <div className="flex h-full items-center justify-center">
                <Avatar name={me.name} image={me.image} size={72} />
              </div>
            )}
          </div>
          <div className="mt-4 grid gap-3 sm:grid-cols-2">
            <DevicePicker
              label={t("microphone")}
              devices={devices.audio}
              value={chosen.audioId}
              onChange={(audioId) => setChosen((c) => ({ ...c, audioId }))}
            />
            <DevicePicker
              label={t("camera")}
              devices={devices.video}
              value={chosen.videoId}
              onChange={(videoId) => setChosen((c) => ({ ...c, videoId }))}
            />
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-2">
            <span className="text-sm text-stone-400">{t("startWith")}</span>
            <Toggle
              on={room.media.mic}
              onClick={room.toggleMic}
              disabled={!room.local?.getAudioTracks().length}
              labelOn={t("micOn")}
              labelOff={t("micOff")}
              icon={<MicIcon off={!room.media.mic} />}
            />
            <Toggle
              on={room.media.camera}
              onClick={room.toggleCamera}
              disabled={!room.local?.getVideoTracks().length}
              labelOn={t("cameraOn")}
              labelOff={t("cameraOff")}
              icon={<CameraIcon off={!room.media.camera} />}
            />
            {onClose && (
              <Button variant="ghost" className="ml-auto text-stone-300 hover:bg-stone-800 hover:text-white" onClick={onClose}>
                {t("close")}
              </Button>
            )}
            <Button className={`${onClose ? "" : "ml-auto "}min-w-28`} onClick={() => void room.join()} disabled={room.phase === "joining"}>
              {room.phase === "joining" ? t("joining") : room.phase === "left" ? t("rejoin") : t("join")}
            </Button>
          </div>
          <div className="mt-4 space-y-2 empty:hidden">
            {problem}
            {room.error && <Alert>{room.error === "room_full" ? t("full", { cap }) : errorText(room.error)}</Alert>}
            {room.phase === "left" && <p className="text-sm text-stone-400">{t(room.notice ?? "left")}</p>}
          </div>
        </div>
      </div>
    );
  }

  const focusing = Boolean(study.room) && focusLayout;
  const sharer = focusing ? undefined : tiles.find((tile) => tile.media.screen);
  const others = sharer ? tiles.filter((tile) => tile !== sharer) : tiles;
  const strip = Boolean(sharer) || focusing;
  // Cells share the space; a phone stacks two people, a wide screen puts them side by side.
  const columns =
    others.length <= 1
      ? "grid-cols-1"
      : others.length === 2
        ? "grid-cols-1 sm:grid-cols-2"
        : others.length <= 4
          ? "grid-cols-2"
          : "grid-cols-2 lg:grid-cols-3";
  return (
    <div className="dark-surface flex min-h-0 flex-1 flex-col bg-stone-950" data-testid="video-room">
      {room.declinedBy && (
        <p role="status" className="px-4 pt-3 text-sm text-amber-300" data-testid="call-declined">
          {t("declined", { name: room.declinedBy })}
        </p>
      )}
      {sharer && (
        <p className="px-4 pt-3 text-sm text-stone-300" data-testid="screen-share-banner">
          {t("sharing", { name: sharer.self ? t("you") : sharer.user.name })}
        </p>
      )}
      {study.room && (
        <div className="flex flex-wrap items-center gap-2 border-b border-stone-800 px-3 py-2" data-testid="study-room-strip">
          <div className="min-w-0 flex-1">{!focusing && <PomodoroClock study={study} dark />}</div>
          <IconToggle
            dark
            label={focusing ? s("gridLayout") : s("focusLayout")}
            pressed={focusing}
            onClick={() => setFocusLayout((f) => !f)}
            testId="focus-layout"
          >
            {focusing ? <LayoutGrid aria-hidden size={18} /> : <Timer aria-hidden size={18} />}
          </IconToggle>
        </div>
      )}
      <div className={`flex min-h-0 flex-1 gap-3 p-3 ${strip ? "flex-col lg:flex-row" : ""}`}>
        {sharer && (
          <div className="min-h-0 flex-[3]">
            <VideoTile tile={sharer} speaking={speaker === sharer.id} large youLabel={t("you")} mutedLabel={t("muted")} />
          </div>
        )}
        {focusing && (
          <div className="flex min-h-0 flex-[3] flex-col items-center justify-center gap-6 overflow-y-auto rounded-xl bg-stone-900 p-4" data-testid="focus-clock">
            <PomodoroClock study={study} big dark />
            {study.members.length > 0 && (
              <ul className="flex max-w-xl flex-wrap justify-center gap-2 text-xs text-stone-100" aria-label={s("members", { count: study.members.length })}>
                {study.members.map((m) => (
                  <li key={m.user.id} className="flex min-w-0 items-center gap-1.5 rounded-full bg-stone-800 py-1 pr-3 pl-1">
                    <Avatar name={m.user.name} image={m.user.image} size={20} />
                    <span className="font-semibold">{m.user.name}</span>
                    <MemberStatus member={m} elapsedMs={elapsed} dark />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div
          className={
            strip
              ? "flex min-h-0 flex-1 gap-3 overflow-auto lg:flex-col [&>*]:aspect-video [&>*]:h-auto [&>*]:w-48 [&>*]:shrink-0 lg:[&>*]:w-full"
              : `grid min-h-0 flex-1 auto-rows-fr gap-3 ${columns}`
          }
        >
          {others.map((tile) => (
            <VideoTile
              key={tile.id}
              tile={tile}
              speaking={speaker === tile.id}
              youLabel={t("you")}
              mutedLabel={t("muted")}
              status={statusOf.get(tile.user.id)}
              elapsedMs={elapsed}
              small={strip}
            />
          ))}
        </div>
      </div>
      {problem && <div className="px-4 pb-2">{problem}</div>}
      <div className="flex items-center justify-center gap-3 border-t border-stone-800 px-4 py-3">
        <Toggle
          on={room.media.mic}
          onClick={room.toggleMic}
          disabled={!room.local?.getAudioTracks().length}
          labelOn={t("micOn")}
          labelOff={t("micOff")}
          icon={<MicIcon off={!room.media.mic} />}
        />
        <Toggle
          on={room.media.camera}
          onClick={room.toggleCamera}
          disabled={!room.local?.getVideoTracks().length || room.media.screen}
          labelOn={t("cameraOn")}
          labelOff={t("cameraOff")}
          icon={<CameraIcon off={!room.media.camera} />}
        />
        {typeof navigator !== "undefined" && navigator.mediaDevices && "getDisplayMedia" in navigator.mediaDevices && (
          <Toggle
            on={room.media.screen}
            onClick={() => void (room.media.screen ? room.stopShare() : room.startShare())}
            labelOn={t("stopShare")}
            labelOff={t("share")}
            icon={<ScreenIcon />}
            accent
          />
        )}
        <Button className="bg-red-600 hover:bg-red-700 active:bg-red-800" onClick={room.leave}>
          {t("leave")}
        </Button>
      </div>
    </div>
  );
}

function VideoTile({
  tile,
  speaking,
  large = false,
  youLabel,
  mutedLabel,
  status,
  elapsedMs = 0,
  small = false,
}: {
  tile: Tile;
  speaking: boolean;
  large?: boolean;
  youLabel: string;
  mutedLabel: string;
  /** In a study room: what this person is doing. */
  status?: StudyRoomMember;
  elapsedMs?: number;
  /** In the strip beside a shared screen or the focus clock: the status is a dot. */
  small?: boolean;
}) {
  const showVideo = tile.stream && (tile.media.camera || tile.media.screen) && tile.stream.getVideoTracks().length > 0;
  return (
    <figure
      data-testid="video-tile"
      data-name={tile.user.name}
      data-self={tile.self || undefined}
      data-camera={tile.media.camera ? "on" : "off"}
      data-mic={tile.media.mic ? "on" : "off"}
      data-screen={tile.media.screen ? "on" : "off"}
      className={`relative flex h-full min-h-0 w-full min-w-0 items-center justify-center overflow-hidden rounded-xl bg-stone-800 ring-2 transition-shadow ${
        speaking ? "ring-emerald-400" : "ring-transparent"
      }`}
    >
      {/* Remote audio plays through the video element even while the camera is off. */}
      {tile.stream && (
        <Video
          stream={tile.stream}
          muted={tile.self}
          mirrored={tile.self && !tile.media.screen}
          contain={tile.media.screen}
          hidden={!showVideo}
          testId={tile.self ? "local-video" : "remote-video"}
        />
      )}
      {!showVideo && <Avatar name={tile.user.name} image={tile.user.image} size={large ? 96 : 56} />}
      <figcaption className="absolute bottom-2 left-2 flex max-w-[calc(100%-1rem)] items-center gap-1.5 rounded-md bg-black/60 px-2 py-1 text-xs font-medium text-white">
        {!tile.media.mic && (
          <span title={mutedLabel} className="text-red-400">
            <MicIcon off />
          </span>
        )}
        <span className="shrink-0 truncate">{tile.self ? `${tile.user.name} (${youLabel})` : tile.user.name}</span>
        {status && (
          <span className="min-w-0 truncate font-normal text-stone-200">
            <MemberStatus member={status} elapsedMs={elapsedMs} dark dotOnly={small} terse />
          </span>
        )}
      </figcaption>
    </figure>
  );
}

function Video({
  stream,
  muted,
  mirrored = false,
  contain = false,
  hidden = false,
  label,
  testId,
}: {
  stream: MediaStream;
  muted: boolean;
  mirrored?: boolean;
  contain?: boolean;
  hidden?: boolean;
  label?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      data-testid={testId}
      className={`h-full w-full ${contain ? "object-contain" : "object-cover"} ${mirrored ? "-scale-x-100" : ""} ${hidden ? "absolute h-px w-px opacity-0" : ""}`}
    />
  );
}

function DevicePicker({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: MediaDeviceInfo[];
  value?: string;
  onChange: (id: string) => void;
}) {
  if (devices.length === 0) return null;
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-stone-400">
      {label}
      <select
        value={value ?? devices[0]?.deviceId}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-lg border border-stone-700 bg-stone-800 px-2 text-sm text-stone-100"
      >
        {devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${label} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}

function Toggle({
  on,
  onClick,
  disabled = false,
  labelOn,
  labelOff,
  icon,
  accent = false,
}: {
  on: boolean;
  onClick: () => void;
  disabled?: boolean;
  labelOn: string;
  labelOff: string;
  icon: React.ReactNode;
  accent?: boolean;
}) {
  const label = on ? labelOn : labelOff;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-pressed={on}
      title={label}
      className={`flex h-11 w-11 items-center justify-center rounded-full transition disabled:cursor-not-allowed disabled:opacity-40 ${
        accent
          ? on
            ? "bg-emerald-500 text-white"
            : "bg-stone-700 text-stone-100 hover:bg-stone-600"
          : on
            ? "bg-stone-700 text-stone-100 hover:bg-stone-600"
            : "bg-red-600 text-white hover:bg-red-700"
      }`}
    >
      {icon}
    </button>
  );
}

/** What every control icon shares: 18 px, stroked in the current colour. */
const ICON = {
  viewBox: "0 0 24 24",
  width: 18,
  height: 18,
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  "aria-hidden": true,
} as const;

function MicIcon({ off = false }: { off?: boolean }) {
  return (
    <svg {...ICON}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
      {off && <path d="M4 4l16 16" />}
    </svg>
  );
}

function CameraIcon({ off = false }: { off?: boolean }) {
  return (
    <svg {...ICON}>
      <rect x="3" y="6" width="12" height="12" rx="2" />
      <path d="M15 10l6-3v10l-6-3" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

function ScreenIcon() {
  return (
    <svg {...ICON}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4M12 13V7M9 10l3-3 3 3" />
    </svg>
  );
}
