#include "cli/config.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <system_error>

namespace hearth::cli {

void add_data_option(CLI::App& cmd, std::string& data_dir) {
  cmd.add_option("--data", data_dir, "Folder holding the database")
      ->envname("HEARTH_DATA")
      ->capture_default_str();
}

void add_serve_options(CLI::App& cmd, ServeConfig& c) {
  cmd.add_option("--bind", c.bind, "Address to listen on")
      ->envname("HEARTH_BIND")
      ->capture_default_str();
  cmd.add_option("--port", c.port, "Port to listen on")
      ->envname("HEARTH_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd.add_option("--threads", c.threads, "I/O threads (0: one per core)")
      ->envname("HEARTH_THREADS")
      ->capture_default_str();
  cmd.add_option("--max-connections", c.max_connections, "Open connections accepted at once")
      ->envname("HEARTH_MAX_CONNECTIONS")
      ->capture_default_str();
  cmd.add_option("--max-body-bytes", c.max_body_bytes, "Largest request body accepted")
      ->envname("HEARTH_MAX_BODY_BYTES")
      ->capture_default_str();
  cmd.add_option("--max-header-bytes", c.max_header_bytes, "Largest request header block accepted")
      ->envname("HEARTH_MAX_HEADER_BYTES")
      ->capture_default_str();
  cmd.add_option("--read-timeout", c.read_timeout_seconds,
                 "Seconds a client has to send a whole request")
      ->envname("HEARTH_READ_TIMEOUT")
      ->capture_default_str();
  cmd.add_option("--shutdown-grace", c.shutdown_grace_seconds,
                 "Seconds to let in-flight requests finish on SIGTERM/SIGINT")
      ->envname("HEARTH_SHUTDOWN_GRACE")
      ->capture_default_str();
  cmd.add_option("--web-root", c.web_root, "Folder of the built web app (default: web/dist)")
      ->envname("HEARTH_WEB_ROOT");
  cmd.add_option(
         "--content", c.content_dir,
         "Folder of Hearth's content: questionnaires, lexicons, suggestions (default: content)")
      ->envname("HEARTH_CONTENT");
  cmd.add_option("--access-log", c.access_log,
                 "Where JSON access log lines go: '-' for standard output, 'off', or a file")
      ->envname("HEARTH_ACCESS_LOG")
      ->capture_default_str();
  cmd.add_flag("--secure-cookies", c.secure_cookies,
               "Mark the session cookie Secure (use behind a TLS proxy)")
      ->envname("HEARTH_SECURE_COOKIES");
  cmd.add_flag("--trust-proxy", c.trust_proxy,
               "Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy")
      ->envname("HEARTH_TRUST_PROXY");
  cmd.add_option("--allowed-origin", c.allowed_origins,
                 "Extra origin allowed to send state-changing requests (repeatable)")
      ->envname("HEARTH_ALLOWED_ORIGIN");
  cmd.add_option("--group-commit", c.group_commit,
                 "Batch concurrent writes into one durable commit (true/false)")
      ->envname("HEARTH_GROUP_COMMIT")
      ->capture_default_str();
  cmd.add_option("--hash-threads", c.hash_threads, "Threads for password hashing")
      ->envname("HEARTH_HASH_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--hash-queue", c.hash_queue,
                 "Password checks allowed to wait; beyond this the server answers 503")
      ->envname("HEARTH_HASH_QUEUE")
      ->capture_default_str();
  cmd.add_option("--session-idle-days", c.session_idle_days,
                 "Days without use after which a session ends")
      ->envname("HEARTH_SESSION_IDLE_DAYS")
      ->check(CLI::Range(1, 365))
      ->capture_default_str();
  cmd.add_option("--session-max-days", c.session_absolute_days,
                 "Days after login after which a session ends regardless of use")
      ->envname("HEARTH_SESSION_MAX_DAYS")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();
  cmd.add_option("--log-level", c.log_level, "trace, debug, info, warn, error or off")
      ->envname("HEARTH_LOG_LEVEL")
      ->capture_default_str();
}

std::string database_path(const std::string& data_dir) {
  std::filesystem::create_directories(data_dir);
  return (std::filesystem::path(data_dir) / "hearth.db").string();
}

namespace {
// The folder above the one holding the binary: the repository root for build/hearth.
std::filesystem::path install_root() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path(".") : exe.parent_path().parent_path();
}
}  // namespace

std::string default_web_root() { return (install_root() / "web" / "dist").string(); }

void add_content_option(CLI::App& cmd, std::string& content_dir) {
  cmd.add_option("--content", content_dir,
                 "Folder of Hearth's content, holding coach/ (default: content)")
      ->envname("HEARTH_CONTENT");
}

std::string default_content_dir() { return (install_root() / "content").string(); }

}  // namespace hearth::cli
