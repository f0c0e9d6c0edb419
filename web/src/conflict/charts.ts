// The pattern charts, drawn with Chart.js on <canvas>. Loaded only by the Patterns screen (a separate chunk).
// Chart.js sets sizes through the CSSOM and never evaluates strings, so it runs under the strict CSP.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip, Filler);

export const colors = {
  ink: '#2b231e',
  muted: '#65574d',
  grid: '#efe5da',
  agreed: '#2f6650',
  unresolved: '#8a7a6d',
  open: '#e2a06f',
  ratio: '#a9471d',
  reference: '#2f6650',
  me: '#a9471d',
  meSoft: '#f2c6a8',
  partner: '#1d4f91',
  partnerSoft: '#b9cbe6',
};

const reduceMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

Chart.defaults.font.family =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Ubuntu, Cantarell, Arial, sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = colors.muted;
Chart.defaults.borderColor = colors.grid;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.responsive = true;
if (reduceMotion) Chart.defaults.animation = false;

const legend = {
  position: 'bottom' as const,
  labels: { boxWidth: 14, boxHeight: 14, padding: 14, color: colors.ink },
};

export interface OutcomeSeries {
  labels: string[];
  agreed: number[];
  unresolved: number[];
  open: number[];
}

/** Conversations started per month, stacked by how they ended. */
export function outcomesChart(canvas: HTMLCanvasElement, s: OutcomeSeries): Chart {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: s.labels,
      datasets: [
        { label: 'Agreed', data: s.agreed, backgroundColor: colors.agreed, maxBarThickness: 56 },
        { label: 'Without agreement', data: s.unresolved, backgroundColor: colors.unresolved, maxBarThickness: 56 },
        { label: 'Still open or on a break', data: s.open, backgroundColor: colors.open, maxBarThickness: 56 },
      ],
    },
    options: {
      plugins: { legend },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
  return new Chart(canvas, config);
}

export const RATIO_CAP = 10;

/** A dashed horizontal line across the whole plot at `value`, labelled at its right end. */
function referenceLine(value: number, label: string): Plugin<'line'> {
  return {
    id: 'referenceLine',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const y = scales.y.getPixelForValue(value);
      ctx.save();
      ctx.strokeStyle = colors.reference;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 5]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.reference;
      ctx.font = `600 12px ${Chart.defaults.font.family}`;
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(label, chartArea.right - 2, y - 4);
      ctx.restore();
    },
  };
}

/** Helpful-to-harsh ratio per month (capped for months without harsh words), with the 5:1 reference. */
export function toneChart(canvas: HTMLCanvasElement, labels: string[], ratios: (number | null)[], reference: number): Chart {
  const capped = ratios.map((r) => (r === null ? null : Math.min(r, RATIO_CAP)));
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'Helpful for each harsh one',
          data: capped,
          borderColor: colors.ratio,
          backgroundColor: 'rgba(169, 71, 29, 0.12)',
          fill: 'origin',
          // A month without harsh words sits at the top as a triangle: "10 or more".
          pointRadius: ratios.map((r) => (r !== null && r >= RATIO_CAP ? 6 : 4)),
          pointStyle: ratios.map((r) => (r !== null && r >= RATIO_CAP ? 'triangle' : 'circle')),
          pointBackgroundColor: colors.ratio,
          tension: 0.2,
          clip: 8,
          spanGaps: true,
        },
      ],
    },
    options: {
      layout: { padding: { top: 8 } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = ratios[item.dataIndex];
              if (raw === null) return 'No helpful or harsh words';
              return raw >= RATIO_CAP ? `${RATIO_CAP} or more to 1` : `${raw.toFixed(1)} to 1`;
            },
          },
        },
      },
      scales: {
        x: { grid: { display: false } },
        y: {
          min: 0,
          max: RATIO_CAP,
          title: { display: true, text: 'helpful for each harsh one' },
          ticks: { stepSize: 2.5, callback: (v) => (Number(v) >= RATIO_CAP ? `${RATIO_CAP}+` : String(v)) },
        },
      },
    },
    plugins: [referenceLine(reference, `${reference} to 1`)],
  };
  return new Chart(canvas, config);
}

export interface RoleSeries {
  labels: string[];
  people: { name: string; isMe: boolean; raised: number[]; withdrew: number[] }[];
}

/** Who raised a disagreement (up) and who stepped away (down), per partner and month. */
export function rolesChart(canvas: HTMLCanvasElement, s: RoleSeries): Chart {
  const datasets = s.people.flatMap((p) => {
    const strong = p.isMe ? colors.me : colors.partner;
    const soft = p.isMe ? colors.meSoft : colors.partnerSoft;
    const stack = p.name;
    return [
      { label: `${p.name} raised it`, data: p.raised, backgroundColor: strong, stack, maxBarThickness: 40 },
      {
        label: `${p.name} stepped away`,
        data: p.withdrew.map((n) => -n),
        backgroundColor: soft,
        borderColor: strong,
        borderWidth: 1.5,
        stack,
        maxBarThickness: 40,
      },
    ];
  });
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: { labels: s.labels, datasets },
    options: {
      plugins: {
        legend,
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${Math.abs(Number(item.raw))}` } },
      },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: {
          stacked: true,
          ticks: { precision: 0, callback: (v) => String(Math.abs(Number(v))) },
          grid: { color: (ctx) => (ctx.tick.value === 0 ? colors.muted : colors.grid) },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
