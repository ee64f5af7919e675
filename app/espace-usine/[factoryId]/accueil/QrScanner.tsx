"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";

// Reads a ticket's QR code with the phone's camera. The browser's own BarcodeDetector is used where
// it exists (Chrome on Android, Safari 17+ with the flag…); elsewhere jsQR (small, pure JS) is
// loaded on demand. Typing the code stays available whatever happens here.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement | HTMLCanvasElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

type Detect = (video: HTMLVideoElement) => Promise<string | null>;

async function makeDetector(): Promise<Detect> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native) {
    try {
      const formats = (await Native.getSupportedFormats?.()) ?? ["qr_code"];
      if (formats.includes("qr_code")) {
        const detector = new Native({ formats: ["qr_code"] });
        return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
      }
    } catch {
      // Fall through to jsQR.
    }
  }
  const { default: jsQR } = await import("jsqr");
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return async (video) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (!context || !w || !h) return null;
    // A QR code on a phone screen is large in the frame: 640 px is plenty and keeps it fast.
    const scale = Math.min(1, 640 / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" })?.data ?? null;
  };
}

type Phase = "idle" | "starting" | "scanning";
type Problem = "denied" | "unavailable" | "unsupported" | "insecure";

export function QrScanner({ onResult }: { onResult: (text: string) => void }) {
  const t = useTranslations("factory.door.scanner");
  const videoRef = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<() => void>(() => {});
  const [phase, setPhase] = useState<Phase>("idle");
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => () => stopRef.current(), []);

  async function start() {
    setProblem(null);
    if (!window.isSecureContext) return setProblem("insecure");
    if (!navigator.mediaDevices?.getUserMedia) return setProblem("unsupported");
    setPhase("starting");
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
    } catch (error) {
      setPhase("idle");
      return setProblem((error as DOMException)?.name === "NotAllowedError" ? "denied" : "unavailable");
    }
    const video = videoRef.current;
    if (!video) return stream.getTracks().forEach((track) => track.stop());
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
      setPhase("idle");
    };
    stopRef.current = stop;
    try {
      video.srcObject = stream;
      await video.play();
      const detect = await makeDetector();
      setPhase("scanning");
      const tick = async () => {
        if (stopped) return;
        const text = video.readyState >= 2 ? await detect(video).catch(() => null) : null;
        if (stopped) return;
        if (text) {
          stop();
          navigator.vibrate?.(80);
          onResult(text);
          return;
        }
        timer = setTimeout(() => void tick(), 150);
      };
      void tick();
    } catch {
      stop();
      setProblem("unavailable");
    }
  }

  const active = phase !== "idle";
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        {!active ? (
          <button
            type="button"
            onClick={() => void start()}
            className="inline-flex min-h-14 items-center justify-center gap-2 rounded-md bg-brand-700 px-6 py-3 text-lg font-semibold text-white hover:bg-brand-900"
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 fill-none stroke-current stroke-2">
              <path d="M4 8V5a1 1 0 0 1 1-1h3M16 4h3a1 1 0 0 1 1 1v3M20 16v3a1 1 0 0 1-1 1h-3M8 20H5a1 1 0 0 1-1-1v-3M7 12h10" />
            </svg>
            {t("start")}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => stopRef.current()}
            className="inline-flex min-h-14 items-center justify-center rounded-md border-2 border-slate-700 px-6 py-3 text-lg font-semibold text-slate-900 hover:bg-slate-100"
          >
            {t("stop")}
          </button>
        )}
      </div>
      <video
        ref={videoRef}
        aria-label={t("video")}
        muted
        playsInline
        className={active ? "aspect-square w-full max-w-sm rounded-xl bg-black object-cover" : "hidden"}
      />
      <p role="status" aria-live="polite" className="min-h-6 font-medium">
        {phase === "starting" ? t("starting") : phase === "scanning" ? t("scanning") : problem ? <span className="text-red-800">{t(problem)}</span> : null}
      </p>
    </div>
  );
}
