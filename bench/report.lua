-- wrk script: after the run, print one JSON line with throughput, latency percentiles (ms)
-- and errors, so that bench/run.py reads p50/p95 exactly instead of parsing wrk's table.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "rps": %.2f, "p50_ms": %.3f, '
      .. '"p95_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors, summary.errors.status))
end
