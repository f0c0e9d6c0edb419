// Pieces the check-up screens share: score bars, the two-axis map, progress and load states.
// Lengths and positions are SVG attributes, never style attributes: the CSP allows no inline styles.
import type { ComponentChildren } from 'preact';
import { Button } from '../components';
import type { Band, HigherIs, InstrumentMap, Side, Subscale } from './types';
import { lowerIsCalmer, whole } from './words';

const clamp = (n: number) => Math.max(0, Math.min(100, n));

/** One horizontal bar on 0–100 with its name and number. `tone` picks the colour: me, partner or the wish. */
export function ScoreBar({
  name,
  score,
  tone = 'me',
}: {
  name: ComponentChildren;
  score: number;
  tone?: 'me' | 'partner' | 'ideal';
}) {
  return (
    <div class={`bar-row ${tone}`}>
      <span class="bar-name">{name}</span>
      <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="bar-track" x="0" y="0" width="100" height="10" />
        <rect class="bar-fill" x="0" y="0" width={clamp(score)} height="10" />
        <line class="bar-mid" x1="50" y1="0" x2="50" y2="10" />
      </svg>
      <span class="bar-value">
        {whole(score)}
        <span class="visually-hidden"> out of 100</span>
      </span>
    </div>
  );
}

/** The caption under an area whose lower scores are the calmer ones. */
export function LowerIsCalmer({ higherIs }: { higherIs: HigherIs }) {
  if (higherIs !== 'worse') return null;
  return <p class="calmer-note">{lowerIsCalmer}</p>;
}

/** Answered of total, as a real progress bar with its words. */
export function Progress({ answered, total, id }: { answered: number; total: number; id: string }) {
  return (
    <div class="progress">
      <progress id={id} max={Math.max(total, 1)} value={Math.min(answered, total)} aria-labelledby={`${id}-label`} />
      <span class="progress-label" id={`${id}-label`}>
        {answered} of {total} answered
      </span>
    </div>
  );
}

export interface MapDot {
  name: string;
  x: number;
  y: number;
  tone: 'me' | 'partner';
}

const corners: { x: Side; y: Side; place: string }[] = [
  { x: 'lower', y: 'higher', place: 'top-left' },
  { x: 'higher', y: 'higher', place: 'top-right' },
  { x: 'lower', y: 'lower', place: 'bottom-left' },
  { x: 'higher', y: 'lower', place: 'bottom-right' },
];

const sideOf = (value: number, split: number): Side => (value >= split ? 'higher' : 'lower');

/**
 * Two subscales as a position on a plane, split into four soft regions. The dots are drawn in SVG
 * (hidden from screen readers); the same facts are written out below the picture.
 */
export function PositionMap({
  map,
  xTitle,
  yTitle,
  dots,
  description,
}: {
  map: InstrumentMap;
  xTitle: string;
  yTitle: string;
  dots: MapDot[];
  description: ComponentChildren;
}) {
  const split = clamp(map.split);
  const mine = dots.find((d) => d.tone === 'me');
  return (
    <figure class="position-map">
      <div class="map-frame">
        {/* The region names sit above and below the plane, so no dot can hide one. */}
        <ul class="map-regions" aria-hidden="true">
          {corners.map((c) => {
            const region = map.regions.find((r) => r.x === c.x && r.y === c.y);
            const here = mine && sideOf(mine.x, map.split) === c.x && sideOf(mine.y, map.split) === c.y;
            return (
              <li key={c.place} class={`map-region ${c.place}${here ? ' here' : ''}`}>
                {region?.label}
              </li>
            );
          })}
        </ul>
        <p class="map-axis map-axis-y" aria-hidden="true">
          {yTitle} <span class="map-arrow">→</span>
        </p>
        <div class="map-plane">
          {/* A margin of 6 around 0–100 keeps a dot at the very edge whole. */}
          <svg viewBox="-6 -6 112 112" aria-hidden="true" focusable="false">
            <rect class="map-quadrant q-lower-higher" x="-6" y="-6" width={split + 6} height={106 - split} />
            <rect class="map-quadrant q-higher-higher" x={split} y="-6" width={106 - split} height={106 - split} />
            <rect class="map-quadrant q-lower-lower" x="-6" y={100 - split} width={split + 6} height={split + 6} />
            <rect class="map-quadrant q-higher-lower" x={split} y={100 - split} width={106 - split} height={split + 6} />
            <line class="map-split" x1={split} y1="-6" x2={split} y2="106" />
            <line class="map-split" x1="-6" y1={100 - split} x2="106" y2={100 - split} />
            {dots.map((d) => (
              <g key={d.name} class={`map-dot ${d.tone}`}>
                <circle cx={clamp(d.x)} cy={100 - clamp(d.y)} r="4.6" />
                <text x={clamp(d.x)} y={100 - clamp(d.y)} dy="1.7" text-anchor="middle">
                  {d.name.slice(0, 1).toUpperCase()}
                </text>
              </g>
            ))}
          </svg>
        </div>
        <p class="map-axis map-axis-x" aria-hidden="true">
          {xTitle} <span class="map-arrow">→</span>
        </p>
      </div>
      {dots.length > 1 && (
        <ul class="map-legend" aria-hidden="true">
          {dots.map((d) => (
            <li key={d.name} class={d.tone}>
              <span class="legend-dot" /> {d.name}
            </li>
          ))}
        </ul>
      )}
      <figcaption>{description}</figcaption>
    </figure>
  );
}

/** The plain sentence for a position: "Worry about closeness 62, Comfort with … 30 (of 100): closest to Anxious-leaning." */
export function positionWords(xTitle: string, x: number, yTitle: string, y: number, region: Band): string {
  return `${yTitle} ${whole(y)}, ${xTitle} ${whole(x)} (of 100): closest to ${region.label}.`;
}

/** What up and right mean on the map, in the areas' own words (a title alone can read the wrong way round). */
export function MapReading({ x, y }: { x: Subscale; y: Subscale }) {
  return (
    <details class="disclosure map-reading">
      <summary>How to read the map</summary>
      <p>
        <strong>Higher up:</strong> a higher score in {y.title}. {y.description}
      </p>
      <p>
        <strong>Further right:</strong> a higher score in {x.title}. {x.description}
      </p>
      <p class="muted small">The dashed lines are where the four common names meet; they are soft borders, not walls.</p>
    </details>
  );
}

/** A failed load: the server's sentence and a way to try again. */
export function LoadFailed({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div class="stack-sm">
      <p class="form-error" role="alert">
        {message}
      </p>
      <Button type="button" variant="secondary" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
