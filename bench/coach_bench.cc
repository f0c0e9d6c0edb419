// The coach over a file of messages, single-threaded, as `make bench` runs it against the npm
// package `sentiment` (bench/sentiment_bench.mjs) on the same messages.
//
// Usage: coach_bench FILE [--content DIR] [--seconds S]
// FILE holds one message per line, or "flags<TAB>message" lines as in the labelled sets; lines
// starting with '#' are skipped. Prints one line of key=value figures:
//   messages=… rounds=… messages_per_second=… p50_us=… p99_us=… max_us=…
// Throughput comes from untimed rounds over the whole file (repeated for about S seconds);
// latency from a second run that times every message with steady_clock.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cli/coach_content.h"
#include "cli/config.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> read_messages(const std::string& path) {
  std::vector<std::string> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    out.push_back(tab == std::string::npos ? line : line.substr(tab + 1));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: coach_bench FILE [--content DIR] [--seconds S]\n");
    return 2;
  }
  std::string file = argv[1];
  std::string content = hearth::cli::default_content_dir();
  double seconds = 3.0;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--content") == 0) content = argv[i + 1];
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
  }
  auto messages = read_messages(file);
  if (messages.empty()) {
    std::fprintf(stderr, "coach_bench: no messages in %s\n", file.c_str());
    return 1;
  }
  auto coach = hearth::cli::load_coach(content);
  if (!coach) {
    std::fprintf(stderr, "coach_bench: %s\n", coach.error().detail.c_str());
    return 1;
  }

  // Warm-up: caches, the thread's scratch buffers.
  std::size_t sink = 0;
  for (int r = 0; r < 200; ++r) {
    for (const auto& m : messages) sink += coach->check(m).evidence.size();
  }

  // Throughput: whole rounds over the file until `seconds` have passed.
  std::size_t rounds = 0;
  auto start = Clock::now();
  auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  Clock::time_point end;
  do {
    for (int r = 0; r < 50; ++r, ++rounds) {
      for (const auto& m : messages) sink += coach->check(m).evidence.size();
    }
    end = Clock::now();
  } while (end < deadline);
  double elapsed = std::chrono::duration<double>(end - start).count();
  double per_second = static_cast<double>(rounds * messages.size()) / elapsed;

  // Latency: every message timed on its own.
  std::vector<double> us;
  us.reserve(messages.size() * 2000);
  for (int r = 0; r < 2000; ++r) {
    for (const auto& m : messages) {
      auto t0 = Clock::now();
      sink += coach->check(m).evidence.size();
      auto t1 = Clock::now();
      us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) {
    return us[std::min(us.size() - 1,
                       static_cast<std::size_t>(p * static_cast<double>(us.size())))];
  };
  std::printf(
      "messages=%zu rounds=%zu messages_per_second=%.0f p50_us=%.2f p99_us=%.2f max_us=%.2f "
      "checksum=%zu\n",
      messages.size(), rounds, per_second, pct(0.50), pct(0.99), us.back(), sink);
  return 0;
}
