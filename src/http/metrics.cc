#include "http/metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace hearth::http {
namespace {

const std::vector<double> kLatencyBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                            0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5};
const std::vector<double> kBatchBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : bounds_(std::move(upper_bounds)),
      buckets_(new std::atomic<std::uint64_t>[bounds_.size() + 1]),
      sum_scale_(1e6) {
  for (std::size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::observe(double value) {
  auto it = std::lower_bound(bounds_.begin(), bounds_.end(), value);
  buckets_[static_cast<std::size_t>(it - bounds_.begin())].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(value * sum_scale_ + 0.5),
                        std::memory_order_relaxed);
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  std::string sep = labels.empty() ? "" : ",";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    out +=
        fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, bounds_[i], cumulative);
  }
  cumulative += buckets_[bounds_.size()].load(std::memory_order_relaxed);
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, cumulative);
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n", name, braces,
                     static_cast<double>(sum_micros_.load(std::memory_order_relaxed)) / sum_scale_);
  out += fmt::format("{}_count{} {}\n", name, braces, cumulative);
}

Metrics::Metrics() : commit_batch_size_(kBatchBounds), commit_seconds_(kLatencyBounds) {}

std::size_t Metrics::add_route(const std::string& method, const std::string& pattern) {
  auto stats = std::make_unique<RouteStats>();
  stats->method = method;
  stats->pattern = pattern;
  for (std::size_t i = 0; i <= kStatuses.size(); ++i) {
    stats->by_status.push_back(std::make_unique<Histogram>(kLatencyBounds));
  }
  routes_.push_back(std::move(stats));
  return routes_.size() - 1;
}

std::size_t Metrics::status_slot(int status) {
  auto it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return static_cast<std::size_t>(it - kStatuses.begin());
}

void Metrics::record_request(std::size_t route, int status, double seconds) {
  if (route >= routes_.size()) return;
  routes_[route]->by_status[status_slot(status)]->observe(seconds);
}

void Metrics::record_commit(std::size_t batch_size, double seconds) {
  commit_batch_size_.observe(static_cast<double>(batch_size));
  commit_seconds_.observe(seconds);
}

std::string Metrics::render() const {
  std::string out;
  out.reserve(16384);
  out += "# HELP hearth_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE hearth_http_requests_total counter\n";
  auto for_each_series = [&](auto&& fn) {
    for (const auto& r : routes_) {
      for (std::size_t i = 0; i <= kStatuses.size(); ++i) {
        const Histogram& h = *r->by_status[i];
        if (h.count() == 0) continue;
        std::string status = i < kStatuses.size() ? std::to_string(kStatuses[i]) : "other";
        fn(fmt::format("method=\"{}\",route=\"{}\",status=\"{}\"", r->method, r->pattern, status),
           h);
      }
    }
  };
  for_each_series([&](const std::string& labels, const Histogram& h) {
    out += fmt::format("hearth_http_requests_total{{{}}} {}\n", labels, h.count());
  });
  out +=
      "# HELP hearth_http_request_duration_seconds Time from a complete request to its "
      "response, by route and status.\n";
  out += "# TYPE hearth_http_request_duration_seconds histogram\n";
  for_each_series([&](const std::string& labels, const Histogram& h) {
    h.render(out, "hearth_http_request_duration_seconds", labels);
  });
  out += "# HELP hearth_db_commit_batch_size Writes committed together in one transaction.\n";
  out += "# TYPE hearth_db_commit_batch_size histogram\n";
  commit_batch_size_.render(out, "hearth_db_commit_batch_size", "");
  out += "# HELP hearth_db_commit_duration_seconds Time to run and durably commit one batch.\n";
  out += "# TYPE hearth_db_commit_duration_seconds histogram\n";
  commit_seconds_.render(out, "hearth_db_commit_duration_seconds", "");
  out += "# HELP hearth_open_connections Client connections open now.\n";
  out += "# TYPE hearth_open_connections gauge\n";
  out += fmt::format("hearth_open_connections {}\n", open_connections_.load());
  return out;
}

}  // namespace hearth::http
