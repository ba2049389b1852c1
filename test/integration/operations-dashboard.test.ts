// The operator's dashboard and alerts (docs/deploy/grafana-dashboard.json and
// docs/deploy/prometheus-alerts.yml) against a real /metrics scrape: every metric they query
// exists, every label they group or filter by is on it, and every outcome or status value they
// name is one Loa reports. A renamed metric or label breaks this test, not the operator's pager.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startHarness, tgText, type Harness } from '../support/harness';
import { createPromMetrics } from '../../src/entry/prom-metrics';
import { HANDLER_OUTCOMES, SEND_OUTCOMES, WEBHOOK_OUTCOMES } from '../../src/core/metrics';
import { OUTBOX_STATUSES } from '../../db/schema/outbox';
import { PLATFORMS } from '../../src/core/types';

const METRICS_TOKEN = 'metrics-token-0123456789';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}
interface Rules {
  groups: { rules: { alert: string; expr: string; for?: string }[] }[];
}

const dashboard = JSON.parse(read('docs/deploy/grafana-dashboard.json')) as Dashboard;
const rules = parseYaml(read('docs/deploy/prometheus-alerts.yml')) as Rules;
const queries: { where: string; expr: string }[] = [
  ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))),
  ...rules.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
];

/** Label values a query may name, per label (job and instance come from Prometheus itself). */
const allowedValues: Record<string, readonly string[]> = {
  outcome: [...WEBHOOK_OUTCOMES, ...SEND_OUTCOMES, ...HANDLER_OUTCOMES],
  status: OUTBOX_STATUSES,
  platform: PLATFORMS,
  job: ['loa'],
};

/** The metric family of a series name: histogram series end in _bucket, _count or _sum. */
const family = (name: string) => name.replace(/_(bucket|count|sum)$/, '');

/** Metric names, their matchers and the labels the query groups by. */
function analyse(expr: string) {
  const selectors = [...expr.matchAll(/\b((?:loa|process|nodejs)_[a-z_]+|up)\b(\{([^}]*)\})?/g)].map((m) => ({
    name: m[1]!,
    matchers: [...(m[3] ?? '').matchAll(/(\w+)\s*=~?\s*"([^"]*)"/g)].map((x) => ({ label: x[1]!, value: x[2]! })),
  }));
  const groupedBy = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()).filter(Boolean));
  return { selectors, groupedBy };
}

describe('the Grafana dashboard and the Prometheus alerts', () => {
  it('are read from the repository and are not empty', () => {
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    expect(rules.groups[0]!.rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['LoaDown', 'LoaDatabaseDown', 'LoaQueueStuck']));
    for (const q of queries) expect(q.expr.trim(), q.where).not.toBe('');
  });

  it('query only metrics, labels and values that a real /metrics scrape has', async () => {
    h = await startHarness({ env: { METRICS_TOKEN } });
    // Something to count: an accepted and a refused webhook, a reply sent.
    expect((await h.telegram(tgText(4401, '/start'))).status).toBe(200);
    expect((await h.telegram(tgText(4402, '/start'), 'wrong-secret')).status).toBe(401);
    await h.settle();
    const res = await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    // The production server also collects the Node process metrics (src/entry/node.ts does the same).
    const processText = await createPromMetrics({ db: h.db.db, clock: h.clock, processMetrics: true }).endpoint.render();
    const scrape = `${await res.text()}\n${processText}`;

    const families = new Set([...scrape.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
    /** Label names seen on each family's samples. */
    const labelsOf = new Map<string, Set<string>>();
    for (const m of scrape.matchAll(/^([a-z_]+)\{([^}]*)\} /gm)) {
      const set = labelsOf.get(family(m[1]!)) ?? new Set<string>();
      for (const l of m[2]!.matchAll(/(\w+)="/g)) set.add(l[1]!);
      labelsOf.set(family(m[1]!), set);
    }

    const problems: string[] = [];
    for (const q of queries) {
      const { selectors, groupedBy } = analyse(q.expr);
      const loaFamilies = selectors.map((s) => family(s.name)).filter((n) => n !== 'up');
      if (selectors.length === 0) problems.push(`${q.where}: no metric in ${q.expr}`);
      for (const s of selectors) {
        if (s.name === 'up') continue; // made by Prometheus for every target
        if (!families.has(family(s.name))) problems.push(`${q.where}: no metric ${s.name}`);
        for (const { label, value } of s.matchers) {
          if (label !== 'job' && label !== 'instance' && !labelsOf.get(family(s.name))?.has(label)) problems.push(`${q.where}: ${s.name} has no label ${label}`);
          const allowed = allowedValues[label];
          if (allowed && !allowed.includes(value)) problems.push(`${q.where}: ${label}="${value}" is never reported`);
        }
      }
      for (const label of groupedBy) {
        if (label === 'job' || label === 'instance') continue;
        if (!loaFamilies.some((f) => labelsOf.get(f)?.has(label))) problems.push(`${q.where}: groups by ${label}, which ${loaFamilies.join(', ')} does not have`);
      }
    }
    expect(problems).toEqual([]);
  });
});
