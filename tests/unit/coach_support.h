// Shared by the coach tests: the coach built from the repository's content/, once per process,
// and the labelled message files.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "cli/coach_content.h"
#include "core/coach/coach.h"

namespace hearth::coach::testing {

inline std::string source_path(const std::string& relative) {
  return std::string(HEARTH_SOURCE_DIR) + "/" + relative;
}

inline const Coach& repo_coach() {
  static const Coach coach = [] {
    auto c = cli::load_coach(source_path("content"));
    if (!c) {
      ADD_FAILURE() << c.error().detail;
      std::abort();
    }
    return std::move(*c);
  }();
  return coach;
}

struct Labelled {
  FlagSet flags;
  std::string text;
  int line = 0;
};

// Reads "flags<TAB>text" lines ("-" for no flags); empty when the file is missing.
inline std::vector<Labelled> read_labelled(const std::string& path) {
  std::vector<Labelled> out;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << path << ":" << number << ": no tab";
      continue;
    }
    Labelled l;
    l.text = line.substr(tab + 1);
    l.line = number;
    std::string flags = line.substr(0, tab);
    if (flags != "-") {
      std::size_t start = 0;
      while (start <= flags.size()) {
        auto comma = flags.find(',', start);
        std::string name =
            flags.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        auto f = flag_from_name(name);
        if (!f) {
          ADD_FAILURE() << path << ":" << number << ": unknown flag " << name;
        } else {
          l.flags.add(*f);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace hearth::coach::testing
