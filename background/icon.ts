/**
 * Draws the toolbar icon of a tab that captures something: Trackstop's red square with a white mark of each thing it
 * holds (camera, microphone, screen), side by side; the plain stop mark for anything else. The grey icon of a tab
 * that captures nothing is the manifest's default (icons/idle-*.png), so a tab without tracks costs no drawing.
 * Drawn with OffscreenCanvas, which both the service worker (Chromium) and the event page (Firefox) have.
 */
import type { CaptureClass } from '../src/overview';

const RED = '#c5221f';
const WHITE = '#ffffff';
export const ICON_SIZES = [16, 32] as const;

type Draw = (g: OffscreenCanvasRenderingContext2D) => void;

/** Each mark drawn in a 10×10 box. */
const MARKS: Record<CaptureClass, Draw> = {
  camera: (g) => {
    g.fillRect(0, 2.5, 6.5, 5);
    g.beginPath();
    g.moveTo(6.5, 5); g.lineTo(10, 2.5); g.lineTo(10, 7.5);
    g.fill();
  },
  microphone: (g) => {
    g.beginPath();
    g.roundRect(3, 0, 4, 6.5, 2);
    g.fill();
    g.lineWidth = 1.2;
    g.beginPath();
    g.arc(5, 4.5, 3.6, 0, Math.PI);
    g.moveTo(5, 8.1); g.lineTo(5, 10);
    g.stroke();
  },
  screen: (g) => {
    g.lineWidth = 1.4;
    g.strokeRect(0.7, 1, 8.6, 6);
    g.fillRect(3.5, 8.3, 3, 1.5);
  },
  other: (g) => g.fillRect(2, 2, 6, 6),
};

/** The icon for a tab holding `classes` (in CAPTURE_CLASSES order, at least one), at each size. */
export function drawIcon(classes: readonly CaptureClass[]): Record<number, ImageData> {
  const images: Record<number, ImageData> = {};
  for (const size of ICON_SIZES) {
    const canvas = new OffscreenCanvas(size, size);
    const g = canvas.getContext('2d')!;
    const unit = size / 16;
    g.fillStyle = RED;
    g.beginPath();
    g.roundRect(0, 0, size, size, 3 * unit);
    g.fill();
    // Up to three marks in a row; one alone is drawn larger.
    const shown = classes.slice(0, 3);
    const scale = (shown.length === 1 ? 1 : shown.length === 2 ? 0.68 : 0.42) * unit;
    const box = 10 * scale;
    const gap = shown.length === 3 ? unit / 2 : unit;
    const width = shown.length * box + (shown.length - 1) * gap;
    shown.forEach((kind, i) => {
      g.save();
      g.translate((size - width) / 2 + i * (box + gap), (size - box) / 2);
      g.scale(scale, scale);
      g.fillStyle = WHITE;
      g.strokeStyle = WHITE;
      MARKS[kind](g);
      g.restore();
    });
    images[size] = g.getImageData(0, 0, size, size);
  }
  return images;
}
