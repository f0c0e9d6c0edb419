#include "http/access_log.h"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>

namespace hearth::http {

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "off") return;
  spdlog::init_thread_pool(8192, 1);
  if (destination == "-") {
    logger_ = spdlog::create_async_nb<spdlog::sinks::stdout_sink_mt>("access");
  } else {
    logger_ = spdlog::create_async_nb<spdlog::sinks::basic_file_sink_mt>("access", destination);
  }
  logger_->set_pattern("%v");
  logger_->flush_on(spdlog::level::err);
  spdlog::flush_every(std::chrono::seconds(1));
}

AccessLog::~AccessLog() {
  if (logger_) {
    logger_->flush();
    spdlog::drop("access");
  }
}

void AccessLog::flush() {
  if (logger_) logger_->flush();
}

void AccessLog::write(const AccessRecord& r) {
  if (!logger_) return;
  auto now = std::chrono::system_clock::now();
  double ts = std::chrono::duration<double>(now.time_since_epoch()).count();
  nlohmann::json line = {{"ts", ts},
                         {"method", r.method},
                         {"route", r.route},
                         {"status", r.status},
                         {"ms", static_cast<double>(static_cast<long long>(r.seconds * 1e6)) / 1e3},
                         {"bytes", r.bytes_out},
                         {"remote", r.remote}};
  if (r.user_id != 0) line["user"] = std::to_string(r.user_id);
  logger_->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace hearth::http
