// The structured access log: one JSON object per line. It records the route pattern, never the
// raw path, and no headers, cookies or bodies, so secrets and private text cannot reach it.
// Lines are queued and written by spdlog's background thread. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace spdlog {
class logger;
}

namespace hearth::http {

struct AccessRecord {
  std::string_view method;
  std::string_view route;  // the matched pattern, "static" or "unmatched"
  int status = 0;
  double seconds = 0;
  std::size_t bytes_out = 0;
  std::string_view remote;
  long long user_id = 0;  // 0 when anonymous
};

class AccessLog {
 public:
  // destination: "-" for standard output, "off" for none, otherwise a file path (appended to).
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  void write(const AccessRecord& r);
  void flush();

 private:
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace hearth::http
