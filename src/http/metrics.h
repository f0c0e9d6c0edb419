// Prometheus metrics kept in fixed arrays of atomics, so recording a request takes no lock.
// Routes are registered before serving starts; after that, every method is thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hearth::http {

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);
  void observe(double value);
  // Appends the _bucket, _sum and _count lines for `name` with `labels` ("" or "a=\"b\"").
  void render(std::string& out, const std::string& name, const std::string& labels) const;
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};  // sums kept as integers for lock-free adds
  double sum_scale_;
};

class Metrics {
 public:
  Metrics();
  // Declares a route label ("GET /api/v1/me"); returns its key for record_request.
  std::size_t add_route(const std::string& method, const std::string& pattern);
  void record_request(std::size_t route, int status, double seconds);
  void record_commit(std::size_t batch_size, double seconds);
  void connection_opened() { open_connections_.fetch_add(1, std::memory_order_relaxed); }
  void connection_closed() { open_connections_.fetch_sub(1, std::memory_order_relaxed); }
  std::int64_t open_connections() const { return open_connections_.load(); }
  std::string render() const;

 private:
  static constexpr std::array<int, 17> kStatuses = {200, 201, 204, 304, 400, 401, 403, 404, 405,
                                                    409, 413, 415, 422, 429, 431, 500, 503};
  static std::size_t status_slot(int status);  // kStatuses.size() means "other"
  struct RouteStats {
    std::string method, pattern;
    std::vector<std::unique_ptr<Histogram>> by_status;  // kStatuses.size() + 1 slots
  };
  std::vector<std::unique_ptr<RouteStats>> routes_;
  Histogram commit_batch_size_;
  Histogram commit_seconds_;
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace hearth::http
