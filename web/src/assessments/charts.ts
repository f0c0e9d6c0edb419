// The check-up history chart: one line per area over the attempts, on the 0–100 scale. A lazy chunk,
// loaded only by the results screen. Chart.js setup (registration, fonts, colours) is shared with the
// pattern charts.
import { Chart, type ChartConfiguration } from 'chart.js';
import { colors } from '../conflict/charts';

/** Distinct on white and for common colour-blindness, helped by a different point shape per line. */
const palette = ['#a9471d', '#1d4f91', '#2f6650', '#6b4c9a', '#8a6100', '#1f6f78', '#a8325e', '#65574d'];
const shapes = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'] as const;

export interface HistorySeries {
  labels: string[];
  areas: { title: string; scores: (number | null)[]; lowerIsCalmer: boolean }[];
}

export function historyChart(canvas: HTMLCanvasElement, s: HistorySeries): Chart {
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels: s.labels,
      datasets: s.areas.map((area, i) => ({
        label: area.lowerIsCalmer ? `${area.title} (lower is calmer)` : area.title,
        data: area.scores,
        borderColor: palette[i % palette.length],
        backgroundColor: palette[i % palette.length],
        pointStyle: shapes[i % shapes.length],
        pointRadius: 5,
        pointHoverRadius: 7,
        borderWidth: 2.5,
        // Areas where less is better are dashed, so "going down" reads as good news there.
        borderDash: area.lowerIsCalmer ? [6, 4] : undefined,
        tension: 0.15,
        spanGaps: true,
        clip: 8,
      })),
    },
    options: {
      layout: { padding: { top: 6, right: 6 } },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { usePointStyle: true, boxWidth: 10, boxHeight: 10, padding: 12, color: colors.ink },
        },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${Math.round(Number(item.raw))}` },
        },
      },
      scales: {
        x: { grid: { display: false } },
        y: { min: 0, max: 100, ticks: { stepSize: 25 } },
      },
    },
  };
  return new Chart(canvas, config);
}
