// The insights charts: days along the bottom, gaps where nobody checked in (a missing day is not a zero).
// A lazy chunk, loaded only by the insights screens; Chart.js setup (registration, fonts, colours) is
// shared with the pattern charts.
import { Chart, type ChartConfiguration, type ChartDataset } from 'chart.js';
import { colors } from '../conflict/charts';
import { smoothed } from './words';

const legend = {
  position: 'bottom' as const,
  labels: { usePointStyle: true, boxWidth: 10, boxHeight: 10, padding: 14, color: colors.ink },
};

/** Dots shrink as the days add up, but stay visible: a lone day between gaps is only a dot. */
const pointRadius = (days: number) => (days <= 7 ? 5 : days <= 31 ? 3 : 2);

const dayAxis = (days: number) => ({
  grid: { display: false },
  ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: days <= 7 ? 7 : 5 },
});

/**
 * The mean of the last `window` days that have a value, on days with at least `least` of them: over many
 * days the trend reads better as a smooth line, with the days themselves as faint dots behind it.
 */
export function rolling(values: (number | null)[], window = 7, least = 3): (number | null)[] {
  return values.map((_, i) => {
    const known = values.slice(Math.max(0, i - window + 1), i + 1).filter((v): v is number => v !== null);
    return known.length >= least ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
  });
}


/** The days themselves, as faint dots without a line, left out of the legend. */
function dotsDataset(label: string, values: (number | null)[], color: string, shape: 'circle' | 'rect' | 'triangle'): ChartDataset<'line'> {
  return {
    label,
    data: values,
    showLine: false,
    pointStyle: shape,
    pointRadius: 2.5,
    pointHoverRadius: 4,
    borderColor: color,
    backgroundColor: color,
    clip: 8,
  };
}

const faint = (hex: string) => `${hex}59`; // about 35% opacity

export interface Line {
  label: string;
  values: (number | null)[];
  tone: 'me' | 'partner';
}

function lineDataset(line: Line, days: number): ChartDataset<'line'> {
  const me = line.tone === 'me';
  return {
    label: line.label,
    data: line.values,
    borderColor: me ? colors.me : colors.partner,
    backgroundColor: me ? colors.me : colors.partner,
    // Shape and dash as well as colour, so the two lines stay apart without colour vision.
    pointStyle: me ? 'circle' : 'rect',
    borderDash: me ? undefined : [6, 4],
    pointRadius: pointRadius(days),
    pointHoverRadius: pointRadius(days) + 2,
    borderWidth: 2.5,
    tension: 0.25,
    spanGaps: false,
    clip: 8,
  };
}

const DAILY = ', each day';
/** Legend entries for the lines only, not for the faint daily dots. */
const linesOnly = { filter: (item: { text: string }) => !item.text.endsWith(DAILY) };

/**
 * One measure on 0–10, one line per person. With one line the legend is left out (the title says whose).
 * Beyond a month the lines are 7-day averages over faint daily dots.
 */
export function scaleChart(canvas: HTMLCanvasElement, labels: string[], lines: Line[]): Chart {
  const smooth = smoothed(lines.map((l) => l.values));
  const datasets = lines.flatMap((l) => {
    if (!smooth) return [lineDataset(l, labels.length)];
    const color = l.tone === 'me' ? colors.me : colors.partner;
    const line = { ...lineDataset({ ...l, values: rolling(l.values) }, labels.length), pointRadius: 0, spanGaps: false };
    return [line, dotsDataset(`${l.label}${DAILY}`, l.values, faint(color), l.tone === 'me' ? 'circle' : 'rect')];
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { labels, datasets },
    options: {
      layout: { padding: { top: 6, right: 6 } },
      plugins: {
        legend: { ...legend, display: lines.length > 1, labels: { ...legend.labels, ...linesOnly } },
        tooltip: {
          callbacks: {
            label: (item) =>
              String(item.dataset.label).endsWith(DAILY)
                ? `${item.dataset.label}: ${item.raw} of 10`
                : `${item.dataset.label}${smooth ? ', 7-day average' : ''}: ${item.raw} of 10`,
          },
        },
      },
      scales: {
        x: dayAxis(labels.length),
        y: { min: 0, max: 10, ticks: { stepSize: 5 } },
      },
    },
  };
  return new Chart(canvas, config);
}

/** My time together each day as a bar, its focused, phone-free part at the bottom in the darker colour. */
export function timeChart(
  canvas: HTMLCanvasElement,
  labels: string[],
  focused: (number | null)[],
  rest: (number | null)[],
): Chart {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'Focused, phone-free', data: focused, backgroundColor: colors.me, maxBarThickness: 28 },
        { label: 'The rest of your time together', data: rest, backgroundColor: colors.meSoft, maxBarThickness: 28 },
      ],
    },
    options: {
      plugins: {
        legend: { ...legend, labels: { ...legend.labels, usePointStyle: false } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw} min` } },
      },
      scales: {
        x: { ...dayAxis(labels.length), stacked: true },
        y: {
          stacked: true,
          beginAtZero: true,
          suggestedMax: 60,
          title: { display: true, text: 'minutes' },
          ticks: { precision: 0 },
        },
      },
    },
  };
  return new Chart(canvas, config);
}

/**
 * The couple's closeness and affection over 90 days, to see whether they rise and fall together: each
 * as a 7-day average line over faint daily dots once there are enough days, else day by day.
 */
export function cycleChart(
  canvas: HTMLCanvasElement,
  labels: string[],
  closeness: (number | null)[],
  affection: (number | null)[],
): Chart {
  const smooth = smoothed([closeness, affection]);
  const line = (label: string, values: (number | null)[], color: string, dashed: boolean): ChartDataset<'line'> => ({
    label,
    data: smooth ? rolling(values) : values,
    borderColor: color,
    backgroundColor: color,
    pointRadius: smooth ? 0 : pointRadius(labels.length),
    pointHoverRadius: 4,
    pointStyle: dashed ? 'triangle' : 'circle',
    borderDash: dashed ? [7, 4] : undefined,
    borderWidth: 3,
    tension: 0.35,
    spanGaps: false,
    clip: 8,
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels,
      datasets: [
        line('Closeness', closeness, colors.me, false),
        line('Affection', affection, colors.agreed, true),
        ...(smooth
          ? [
              dotsDataset(`Closeness${DAILY}`, closeness, faint(colors.me), 'circle'),
              dotsDataset(`Affection${DAILY}`, affection, faint(colors.agreed), 'triangle'),
            ]
          : []),
      ],
    },
    options: {
      layout: { padding: { top: 6, right: 6 } },
      plugins: {
        legend: { ...legend, labels: { ...legend.labels, ...linesOnly } },
        tooltip: {
          callbacks: {
            label: (item) =>
              String(item.dataset.label).endsWith(DAILY)
                ? `${item.dataset.label}: ${item.raw} of 10`
                : `${item.dataset.label}${smooth ? ', 7-day average' : ''}: ${item.raw} of 10`,
          },
        },
      },
      scales: {
        x: dayAxis(labels.length),
        y: { min: 0, max: 10, ticks: { stepSize: 5 } },
      },
    },
  };
  return new Chart(canvas, config);
}
