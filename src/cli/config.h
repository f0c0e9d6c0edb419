// Configuration of `hearth serve` and the shared `--data` option: flags, HEARTH_* environment
// variables and an optional config file (--config FILE, TOML or INI), in that order of precedence.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace hearth::cli {

struct ServeConfig {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 0;
  std::size_t max_connections = 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_header_bytes = 16 * 1024;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 15;
  std::string web_root;     // default: web/dist beside the binary's folder
  std::string content_dir;  // default: content/ beside the binary's folder
  std::string access_log = "-";
  bool secure_cookies = false;
  bool trust_proxy = false;
  std::vector<std::string> allowed_origins;
  bool group_commit = true;
  int hash_threads = 1;
  std::size_t hash_queue = 64;
  int session_idle_days = 30;
  int session_absolute_days = 90;
  std::string log_level = "info";
};

// Adds `--data DIR` (env HEARTH_DATA, default ./data) to a subcommand.
void add_data_option(CLI::App& cmd, std::string& data_dir);
void add_serve_options(CLI::App& cmd, ServeConfig& cfg);

// The database file inside a data directory (created when missing).
std::string database_path(const std::string& data_dir);
// The web app folder used when --web-root is not given.
std::string default_web_root();
// Adds `--content DIR` (env HEARTH_CONTENT) to a subcommand other than serve.
void add_content_option(CLI::App& cmd, std::string& content_dir);
// The content folder used when --content is not given.
std::string default_content_dir();

}  // namespace hearth::cli
