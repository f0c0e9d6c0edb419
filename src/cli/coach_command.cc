#include "cli/coach_command.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "api/representations.h"

namespace hearth::cli {

void print_verdict(const coach::Verdict& v, std::ostream& out) {
  if (v.flags.empty()) {
    out << "Nothing to flag.\n";
  } else {
    std::string harsh, helpful;
    for (int f = 0; f < coach::kFlagCount; ++f) {
      auto flag = static_cast<coach::Flag>(f);
      if (!v.flags.has(flag)) continue;
      std::string& list = coach::is_harsh(flag) ? harsh : helpful;
      list += (list.empty() ? "" : ", ") + std::string(coach::flag_name(flag));
    }
    if (!harsh.empty()) out << "To soften: " << harsh << "\n";
    if (!helpful.empty()) out << "Helpful:   " << helpful << "\n";
    out << "\nWhy:\n";
    for (const auto& e : v.evidence) {
      std::string name(coach::flag_name(e.flag));
      out << "  " << name << std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') << "\""
          << v.quote(e) << "\" - " << e.reason << "\n";
    }
  }
  if (v.rewrite) out << "\nTry instead:\n  " << *v.rewrite << "\n";
  out << "\nTip: " << v.tip << "\n";
}

void coach_lines(const coach::Coach& coach, std::istream& in, std::ostream& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out << api::coach_json(coach.check(line))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
    // Answer an interactive writer at once; batch when more input is already waiting.
    if (in.rdbuf()->in_avail() <= 0) out.flush();
  }
  out.flush();
}

}  // namespace hearth::cli
