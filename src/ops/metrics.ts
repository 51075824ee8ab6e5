import type { FastifyInstance } from 'fastify';

/** Prometheus text exposition of request counts and latency; ids and routes only, never personal data. */
export class HttpMetrics {
  readonly #counts = new Map<string, number>();
  readonly #durationSum = new Map<string, number>();
  readonly #buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  readonly #histogram = new Map<string, number[]>();

  observe(method: string, route: string, status: number, seconds: number): void {
    const counterKey = `method="${method}",route="${route}",status="${status}"`;
    this.#counts.set(counterKey, (this.#counts.get(counterKey) ?? 0) + 1);
    const histKey = `method="${method}",route="${route}"`;
    this.#durationSum.set(histKey, (this.#durationSum.get(histKey) ?? 0) + seconds);
    const counts = this.#histogram.get(histKey) ?? new Array(this.#buckets.length + 1).fill(0);
    this.#buckets.forEach((le, i) => {
      if (seconds <= le) counts[i]++;
    });
    counts[this.#buckets.length]++;
    this.#histogram.set(histKey, counts);
  }

  render(gauges: Record<string, number>): string {
    const lines = ['# HELP custodian_http_requests_total HTTP requests by route and status.', '# TYPE custodian_http_requests_total counter'];
    for (const [labels, value] of this.#counts) lines.push(`custodian_http_requests_total{${labels}} ${value}`);
    lines.push('# HELP custodian_http_request_duration_seconds Request latency.', '# TYPE custodian_http_request_duration_seconds histogram');
    for (const [labels, counts] of this.#histogram) {
      this.#buckets.forEach((le, i) => lines.push(`custodian_http_request_duration_seconds_bucket{${labels},le="${le}"} ${counts[i]}`));
      lines.push(`custodian_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${counts[this.#buckets.length]}`);
      lines.push(`custodian_http_request_duration_seconds_sum{${labels}} ${this.#durationSum.get(labels)}`);
      lines.push(`custodian_http_request_duration_seconds_count{${labels}} ${counts[this.#buckets.length]}`);
    }
    for (const [name, value] of Object.entries(gauges)) lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    return `${lines.join('\n')}\n`;
  }

  register(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    });
  }
}
