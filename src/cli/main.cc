// The `hearth` command: serve, migrate, backup, restore, demo, coach, version.
// A thin layer: it reads configuration, wires the layers together, and reports errors plainly.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "api/app.h"
#include "api/plan_service.h"
#include "api/representations.h"
#include "cli/assessment_content.h"
#include "cli/coach_command.h"
#include "cli/coach_content.h"
#include "cli/config.h"
#include "cli/demo.h"
#include "core/assessment/reliability.h"
#include "core/insights/suggestions.h"
#include "core/text_list.h"
#include "http/access_log.h"
#include "http/metrics.h"
#include "http/problem.h"
#include "http/server.h"
#include "security/password_hasher.h"
#include "security/tokens.h"
#include "storage/group_commit.h"
#include "storage/sqlite/schema.h"
#include "storage/sqlite/sqlite_store.h"

namespace hearth::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

Millis wall_clock() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The server holds an exclusive lock on DATA/hearth.lock while it runs, so a restore cannot
// pull the database out from under it. Returns the held descriptor, or -1 when another holds it.
int lock_data_dir(const std::string& data_dir) {
  std::filesystem::create_directories(data_dir);
  std::string path = (std::filesystem::path(data_dir) / "hearth.lock").string();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// How many helpful and harsh flags the coach finds in a text (for the conflict workspace).
std::function<conflict::Tone(std::string_view)> tone_counter(const coach::Coach& coach) {
  return [coach](std::string_view text) {
    coach::FlagSet flags = coach.flags_of(text);
    conflict::Tone tone;
    for (int f = 0; f < coach::kFlagCount; ++f) {
      auto flag = static_cast<coach::Flag>(f);
      if (flags.has(flag)) ++(coach::is_harsh(flag) ? tone.harsh : tone.helpful);
    }
    return tone;
  };
}

// Reads and checks one list file under the content folder.
Result<std::vector<std::string>> load_text_list(const std::string& content_dir,
                                                const std::string& relative,
                                                const TextListRules& rules) {
  auto path = std::filesystem::path(content_dir) / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::make(ErrorCode::kInvalidField, "content-missing",
                       path.string() + ": cannot be read (is --content right?)");
  }
  std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_text_list(path.string(), contents, rules);
}

// Everything under the content folder, read and checked: the server refuses to start, and
// `hearth content check` fails, on the first mistake (named by file and line).
struct Content {
  std::vector<std::string> pause_suggestions;
  std::optional<coach::Coach> coach;
  assessment::Catalog catalog;
  std::vector<insights::Suggestion> suggestions;
  plan::Library library;
};

Result<Content> load_content(const std::string& dir) {
  std::string content_dir = dir.empty() ? default_content_dir() : dir;
  Content c;
  auto suggestions = load_text_list(content_dir, "conflict/pause-suggestions.txt", {5, 300});
  if (!suggestions) return suggestions.error();
  c.pause_suggestions = std::move(*suggestions);
  auto coach = load_coach(content_dir);
  if (!coach) return coach.error();
  c.coach = std::move(*coach);
  auto catalog = load_catalog(content_dir);
  if (!catalog) return catalog.error();
  c.catalog = std::move(*catalog);
  auto path = std::filesystem::path(content_dir) / "insights" / "suggestions.toml";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::make(ErrorCode::kInvalidField, "content-invalid",
                       path.string() + ": cannot read the file");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto weekly = insights::parse_suggestions({path.string(), text}, c.catalog.tags);
  if (!weekly) return weekly.error();
  c.suggestions = std::move(*weekly);
  auto library = load_library(content_dir, c.catalog);
  if (!library) return library.error();
  c.library = std::move(*library);
  return c;
}

int serve(const ServeConfig& cfg, const std::string& data_dir) {
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  int lock = lock_data_dir(data_dir);
  if (lock < 0) {
    spdlog::error("another hearth is already using {} (or it cannot be written)", data_dir);
    return 1;
  }
  storage::sqlite::SqliteStore store(database_path(data_dir));
  http::Metrics metrics;
  storage::GroupCommitWriter writer(
      store, {cfg.group_commit, 512},
      [&metrics](std::size_t n, double seconds) { metrics.record_commit(n, seconds); });
  auto hasher = std::make_unique<security::PasswordHasher>(
      security::PasswordHasher::Options{{}, cfg.hash_threads, cfg.hash_queue});
  http::AccessLog access_log(cfg.access_log);

  auto content = load_content(cfg.content_dir);
  if (!content) {
    spdlog::error("content is not valid: {}", content.error().detail);
    return 1;
  }

  api::AppOptions options;
  options.pause_suggestions = std::move(content->pause_suggestions);
  options.catalog = std::move(content->catalog);
  options.suggestions = std::move(content->suggestions);
  options.library = std::move(content->library);
  options.secure_cookies = cfg.secure_cookies;
  options.trust_proxy = cfg.trust_proxy;
  options.allowed_origins = cfg.allowed_origins;
  options.web_root = cfg.web_root.empty() ? default_web_root() : cfg.web_root;
  options.sessions.idle = cfg.session_idle_days * kDay;
  options.sessions.absolute = cfg.session_absolute_days * kDay;
  options.tone = tone_counter(*content->coach);
  options.coach = std::move(content->coach);
  api::App app(options, store, writer, *hasher, metrics, access_log, wall_clock);

  http::ServerOptions server_options;
  server_options.bind = cfg.bind;
  server_options.port = static_cast<unsigned short>(cfg.port);
  server_options.threads = cfg.threads;
  server_options.max_connections = cfg.max_connections;
  server_options.max_body_bytes = cfg.max_body_bytes;
  server_options.max_header_bytes = cfg.max_header_bytes;
  server_options.read_timeout_seconds = cfg.read_timeout_seconds;
  server_options.shutdown_grace_seconds = cfg.shutdown_grace_seconds;
  auto server = std::make_unique<http::Server>(
      server_options,
      [&app](http::Request&& req, http::Respond respond) {
        app.handle(std::move(req), std::move(respond));
      },
      [](int status, std::string_view slug, std::string_view detail) {
        return http::problem(status, slug, detail);
      },
      metrics);
  // Requests are answered on the I/O threads; the writer thread only writes.
  writer.set_completion_runner(
      [&server](std::function<void()> task) { server->post(std::move(task)); });
  unsigned short port = server->listen();
  if (!std::filesystem::exists(std::filesystem::path(options.web_root) / "index.html")) {
    spdlog::warn("no web app at {} (run `make web`); serving the API only", options.web_root);
  }
  spdlog::info("Hearth {} is listening on http://{}:{} (data in {}, group commit {})", kVersion,
               cfg.bind, port, data_dir, cfg.group_commit ? "on" : "off");
  server->run();
  spdlog::info("shutting down: finishing queued work");
  // Order matters: password checks still queued may queue writes, and writes answer through
  // the server's event loop, which must outlive both.
  hasher.reset();
  writer.stop();
  writer.set_completion_runner({});
  server.reset();
  access_log.flush();
  ::close(lock);
  spdlog::info("stopped cleanly");
  return 0;
}

int run_migrate(const std::string& data_dir) {
  auto applied = storage::sqlite::SqliteStore::migrate(database_path(data_dir));
  if (applied.empty()) {
    std::cout << "The database is up to date (schema version "
              << storage::sqlite::latest_schema_version() << ").\n";
  } else {
    for (int v : applied) std::cout << "Applied migration " << v << ".\n";
  }
  return 0;
}

int run_backup(const std::string& data_dir, const std::string& file, bool force) {
  if (std::filesystem::exists(file) && !force) {
    std::cerr << "error: " << file << " already exists (use --force to overwrite it)\n";
    return 1;
  }
  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "hearth.db")) {
    std::cerr << "error: there is no Hearth database in " << data_dir << "\n";
    return 1;
  }
  std::filesystem::remove(file);
  storage::sqlite::SqliteStore store(database_path(data_dir));
  Status s = store.backup_to(file);
  if (!s.ok()) {
    std::cerr << "error: " << s.error().detail << "\n";
    return 1;
  }
  std::cout << "Backed up " << data_dir << " to " << file << ".\n";
  return 0;
}

int run_restore(const std::string& data_dir, const std::string& file) {
  if (!std::filesystem::exists(file)) {
    std::cerr << "error: " << file << " does not exist\n";
    return 1;
  }
  int lock = lock_data_dir(data_dir);
  if (lock < 0) {
    std::cerr << "error: a hearth server is using " << data_dir << "; stop it before restoring\n";
    return 1;
  }
  std::string db = database_path(data_dir);
  if (std::filesystem::exists(db)) {
    // Keep what is being replaced, so a restore of the wrong file can be undone.
    std::string keep = db + ".before-restore";
    std::filesystem::remove(keep);
    storage::sqlite::SqliteStore current(db);
    if (Status s = current.backup_to(keep); !s.ok()) {
      std::cerr << "error: could not keep a copy of the current database: " << s.error().detail
                << "\n";
      return 1;
    }
    std::cout << "Kept the current database as " << keep << ".\n";
  }
  storage::sqlite::SqliteStore::restore(file, db);
  ::close(lock);
  std::cout << "Restored " << file << " into " << data_dir << ".\n";
  return 0;
}

int run_coach(const std::string& content_dir, const std::string& text, bool json, bool jsonl) {
  auto coach = load_coach(content_dir.empty() ? default_content_dir() : content_dir);
  if (!coach) {
    std::cerr << "error: content is not valid: " << coach.error().detail << "\n";
    return 1;
  }
  if (jsonl) {
    coach_lines(*coach, std::cin, std::cout);
    return 0;
  }
  coach::Verdict verdict = coach->check(text);
  if (json) {
    std::cout << api::coach_json(verdict).dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    print_verdict(verdict, std::cout);
  }
  return 0;
}

int run_content_check(const std::string& dir) {
  auto content = load_content(dir);
  if (!content) {
    std::cerr << "error: content is not valid: " << content.error().detail << "\n";
    return 1;
  }
  std::size_t items = 0;
  for (const auto& i : content->catalog.instruments) items += i.items.size();
  std::cout << "Content in " << (dir.empty() ? default_content_dir() : dir) << " is valid:\n"
            << "  " << content->catalog.instruments.size() << " questionnaires (" << items
            << " questions):";
  for (const auto& i : content->catalog.instruments) {
    std::cout << " " << i.id << " " << i.items.size();
  }
  std::cout << "\n  " << content->catalog.causes.size() << " causes, "
            << content->catalog.tags.size() << " practice tags\n  "
            << content->pause_suggestions.size() << " calming suggestions, "
            << content->suggestions.size() << " weekly suggestions, and the coach\n  "
            << content->library.practices.size() << " practices, "
            << content->library.prompts.size() << " conversation prompts\n";
  return 0;
}

// Cronbach's alpha per subscale, from each person's latest attempt; no names or ids are read
// into the output.
int run_content_stats(const std::string& data_dir, const std::string& dir, bool json) {
  auto catalog = load_catalog(dir.empty() ? default_content_dir() : dir);
  if (!catalog) {
    std::cerr << "error: content is not valid: " << catalog.error().detail << "\n";
    return 1;
  }
  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "hearth.db")) {
    std::cerr << "error: there is no Hearth database in " << data_dir << "\n";
    return 1;
  }
  storage::sqlite::SqliteStore store(database_path(data_dir));
  std::vector<assessment::SubscaleReliability> all;
  for (const auto& inst : catalog->instruments) {
    std::map<UserId, assessment::Answers> latest;
    Status s = store.read([&](storage::ReadTx& tx) {
      tx.for_each_attempt(inst.id, [&](const assessment::Attempt& a) {
        if (a.version == inst.version) latest[a.user] = a.answers;
      });
    });
    if (!s.ok()) {
      std::cerr << "error: " << s.error().detail << "\n";
      return 1;
    }
    std::vector<assessment::Answers> rows;
    for (auto& [user, answers] : latest) rows.push_back(std::move(answers));
    auto r = assessment::reliability(inst, rows);
    all.insert(all.end(), r.begin(), r.end());
  }
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : all) {
      out.push_back({{"instrument", r.instrument},
                     {"subscale", r.subscale},
                     {"items", r.items},
                     {"respondents", r.respondents},
                     {"alpha", r.alpha ? nlohmann::json(*r.alpha) : nlohmann::json(nullptr)}});
    }
    std::cout << nlohmann::json{{"min_respondents", assessment::kMinRespondentsForAlpha},
                                {"subscales", out}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::cout << fmt::format("{:<12} {:<18} {:>5} {:>11}  {}\n", "instrument", "subscale", "items",
                           "respondents", "Cronbach's alpha");
  for (const auto& r : all) {
    std::string alpha =
        r.alpha ? fmt::format("{:.2f}", *r.alpha)
        : r.respondents < assessment::kMinRespondentsForAlpha
            ? fmt::format("needs {} respondents", assessment::kMinRespondentsForAlpha)
            : std::string("no variance yet");
    std::cout << fmt::format("{:<12} {:<18} {:>5} {:>11}  {}\n", r.instrument, r.subscale, r.items,
                             r.respondents, alpha);
  }
  std::cout << "Respondents: people whose latest attempt (of the current version) answered every "
               "item of the subscale.\n";
  return 0;
}

// Plans the current week (or, with `next`, the one after it) for every paired couple, in batches
// of one transaction each, through the same code the API uses (a plan whose inputs did not change
// is kept as it is).
int run_plan_all(const std::string& data_dir, const std::string& content_dir, bool fresh,
                 bool next) {
  auto content = load_content(content_dir);
  if (!content) {
    std::cerr << "error: content is not valid: " << content.error().detail << "\n";
    return 1;
  }
  if (!std::filesystem::exists(std::filesystem::path(data_dir) / "hearth.db")) {
    std::cerr << "error: there is no Hearth database in " << data_dir << "\n";
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  storage::sqlite::SqliteStore store(database_path(data_dir));
  std::vector<CoupleId> couples;
  if (Status s = store.read([&](storage::ReadTx& tx) { couples = tx.paired_couples(); }); !s.ok()) {
    std::cerr << "error: " << s.error().detail << "\n";
    return 1;
  }
  storage::GroupCommitWriter writer(store, {});
  Millis now = wall_clock();
  std::size_t sessions = 0, planned = 0;
  constexpr std::size_t kPerWrite = 200;
  for (std::size_t start = 0; start < couples.size(); start += kPerWrite) {
    std::size_t end = std::min(couples.size(), start + kPerWrite);
    std::size_t batch_sessions = 0, batch_planned = 0;
    Status s = writer.run([&](storage::WriteTx& tx) -> Status {
      batch_sessions = batch_planned = 0;
      for (std::size_t i = start; i < end; ++i) {
        auto couple = tx.couple_by_id(couples[i], now);
        if (!couple || !couple->paired()) continue;
        std::optional<Day> week;
        if (next) week = api::week_of(now, api::couple_time_zone(tx, *couple)) + 7;
        auto p = api::current_plan(tx, *couple, content->catalog, content->library.practices, now,
                                   fresh, week);
        batch_sessions += p.plan.sessions.size();
        ++batch_planned;
      }
      return Status::Ok();
    });
    if (!s.ok()) {
      std::cerr << "error: " << s.error().detail << "\n";
      return 1;
    }
    sessions += batch_sessions;
    planned += batch_planned;
  }
  writer.stop();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("Planned {} week for {} couple{} ({} sessions) in {:.2f} s.\n",
                           next ? "next" : "this", planned, planned == 1 ? "" : "s", sessions,
                           seconds);
  return 0;
}

int run_demo(const std::string& data_dir, int couples, int days,
             const std::function<conflict::Tone(std::string_view)>& demo_tone,
             const assessment::Catalog& catalog, const plan::Library& library) {
  storage::sqlite::SqliteStore store(database_path(data_dir));
  storage::GroupCommitWriter writer(store, {});
  auto result = create_demo(writer, couples, wall_clock(), demo_tone, catalog, days, &library);
  writer.stop();
  if (!result) {
    std::cerr << "error: " << result.error().detail << "\n";
    return 1;
  }
  std::cout << "Demo data is ready in " << data_dir << " (" << couples << " couple"
            << (couples == 1 ? "" : "s");
  if (result->already_there > 0) std::cout << ", " << result->already_there << " already there";
  std::cout << ").\n\nStart Hearth with `make run` (or `hearth serve --data " << data_dir
            << "`), open http://127.0.0.1:8080 and log in as either partner:\n";
  for (const auto& c : result->couples) {
    std::cout << "  " << c.first.display_name << ":  " << c.first.email << "\n  "
              << c.second.display_name << ":  " << c.second.email << "\n";
  }
  std::cout << "Password for every demo account: " << result->password << "\n";
  return 0;
}

}  // namespace
}  // namespace hearth::cli

int main(int argc, char** argv) {
  using namespace hearth::cli;
  CLI::App app{"Hearth: a private companion for couples who want to feel close again."};
  app.require_subcommand(1);
  app.set_config("--config", "",
                 "Read options from a TOML or INI file; serve options go under [serve]. "
                 "Flags win over the file, and the file over HEARTH_* variables")
      ->envname("HEARTH_CONFIG");

  std::string data_dir = "./data";
  ServeConfig serve_cfg;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the web app and the API");
  add_data_option(*serve_cmd, data_dir);
  add_serve_options(*serve_cmd, serve_cfg);
  // `hearth serve --config FILE` reads the top-level option below: serve lets unknown options
  // fall through to its parent.
  serve_cmd->fallthrough();

  auto* migrate_cmd = app.add_subcommand("migrate", "Bring the database schema up to date");
  add_data_option(*migrate_cmd, data_dir);

  std::string backup_file;
  bool force = false;
  auto* backup_cmd = app.add_subcommand("backup", "Copy the live database to FILE, consistently");
  add_data_option(*backup_cmd, data_dir);
  backup_cmd->add_option("FILE", backup_file, "Where to write the backup")->required();
  backup_cmd->add_flag("--force", force, "Overwrite FILE if it exists");

  std::string restore_file;
  auto* restore_cmd =
      app.add_subcommand("restore", "Replace the database with a backup (server stopped)");
  add_data_option(*restore_cmd, data_dir);
  restore_cmd->add_option("FILE", restore_file, "A file written by `hearth backup`")->required();

  int couples = 1;
  auto* demo_cmd = app.add_subcommand("demo", "Create demo couples to explore Hearth with");
  add_data_option(*demo_cmd, data_dir);
  demo_cmd->add_option("--couples", couples, "How many demo couples")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  int demo_days = 60;
  demo_cmd->add_option("--days", demo_days, "Days of daily check-ins for each demo couple")
      ->check(CLI::Range(1, 3650))
      ->capture_default_str();

  std::string coach_text, coach_content;
  bool coach_json_out = false, coach_jsonl = false;
  auto* coach_cmd = app.add_subcommand(
      "coach",
      "Check a message before you say or send it: what to soften, what helps, a gentler way to "
      "say it and a tip. Offline; nothing leaves this machine");
  coach_cmd->add_option("TEXT", coach_text, "The message to check (quote it)");
  coach_cmd->add_flag("--json", coach_json_out,
                      "Print one JSON object instead of a readable verdict");
  coach_cmd->add_flag("--jsonl", coach_jsonl,
                      "Read one message per line on standard input and write one JSON object per "
                      "line");
  add_content_option(*coach_cmd, coach_content);
  add_content_option(*demo_cmd, coach_content);

  bool plan_all = false, plan_fresh = false, plan_next = false;
  std::string plan_content;
  auto* plan_cmd = app.add_subcommand(
      "plan",
      "Plan the coming week for couples on this server (a batch job, e.g. weekly from cron)");
  add_data_option(*plan_cmd, data_dir);
  add_content_option(*plan_cmd, plan_content);
  plan_cmd->add_flag("--all", plan_all, "Plan for every paired couple")->required();
  plan_cmd->add_flag("--fresh", plan_fresh,
                     "Make new plans even where the inputs have not changed");
  plan_cmd->add_flag("--next", plan_next,
                     "Plan the week after this one (e.g. on Sunday evening, so calendars show it "
                     "ahead)");

  std::string content_dir_opt;
  bool stats_json = false;
  auto* content_cmd = app.add_subcommand("content", "Check the content folder, or report on it");
  content_cmd->require_subcommand(1);
  auto* check_cmd = content_cmd->add_subcommand(
      "check", "Read and check every content file, as the server does at start");
  add_content_option(*check_cmd, content_dir_opt);
  auto* stats_cmd = content_cmd->add_subcommand(
      "stats",
      "Internal consistency (Cronbach's alpha) of each questionnaire area, from anonymous answers "
      "(needs at least 30 respondents)");
  add_data_option(*stats_cmd, data_dir);
  add_content_option(*stats_cmd, content_dir_opt);
  stats_cmd->add_flag("--json", stats_json, "Print JSON");

  auto* version_cmd = app.add_subcommand("version", "Print the version");

  CLI11_PARSE(app, argc, argv);

  try {
    hearth::security::init();
    if (*serve_cmd) return serve(serve_cfg, data_dir);
    if (*migrate_cmd) return run_migrate(data_dir);
    if (*backup_cmd) return run_backup(data_dir, backup_file, force);
    if (*restore_cmd) return run_restore(data_dir, restore_file);
    if (*coach_cmd) {
      if (!coach_jsonl && coach_text.empty()) {
        std::cerr << "error: give the message to check (hearth coach \"...\"), or use --jsonl\n";
        return 2;
      }
      return run_coach(coach_content, coach_text, coach_json_out, coach_jsonl);
    }
    if (*demo_cmd) {
      auto content = load_content(coach_content);
      if (!content) {
        std::cerr << "error: content is not valid: " << content.error().detail << "\n";
        return 1;
      }
      return run_demo(data_dir, couples, demo_days, tone_counter(*content->coach), content->catalog,
                      content->library);
    }
    if (*check_cmd) return run_content_check(content_dir_opt);
    if (*plan_cmd) return run_plan_all(data_dir, plan_content, plan_fresh, plan_next);
    if (*stats_cmd) return run_content_stats(data_dir, content_dir_opt, stats_json);
    if (*version_cmd) {
      std::cout << "hearth " << kVersion << " (database schema "
                << hearth::storage::sqlite::latest_schema_version() << ")\n";
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
