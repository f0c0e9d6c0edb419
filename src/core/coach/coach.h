// The communication coach: reads a message before it is said or sent and tells which of the ten
// flags it carries (content/coach/README.md defines them), with evidence for each, an
// I-statement rewrite or a script where one helps, and one short tip.
//
// Offline and explainable: everything it knows is the content under content/coach/ (word
// classes, contractions, phrase patterns, texts, tips) plus a few fixed rules about who a clause
// is about and whether it says something negative. Build it once at start:
//
//   auto coach = hearth::coach::Coach::build(content);   // Result<Coach>
//   Verdict v = coach->check("You never call me back.");  // blame, absolute
//
// Thread-safety: a built Coach is immutable; any number of threads may call check() at once.
// Copies share the same immutable model.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/coach/content.h"
#include "core/coach/flags.h"
#include "core/result.h"

namespace hearth::coach {

// Why a flag was raised: the bytes of the message that raised it and a short reason.
struct Evidence {
  Flag flag = Flag::kBlame;
  std::uint32_t start = 0, end = 0;  // byte offsets into Verdict::text
  std::string_view reason;           // owned by the Coach that made the verdict
};

struct Verdict {
  std::string text;  // the message as given
  FlagSet flags;
  std::vector<Evidence> evidence;      // at least one per flag, ordered by start
  std::optional<std::string> rewrite;  // an I-statement, a pause script or a prompt; or none
  std::string_view tip;                // owned by the Coach

  bool harsh() const { return flags.any_harsh(); }
  std::string_view quote(const Evidence& e) const {
    return std::string_view(text).substr(e.start, e.end - e.start);
  }
};

class Coach {
 public:
  // Builds the coach from parsed content, checking what parsing could not: classes the coach
  // needs, patterns (syntax, unknown classes), the texts and tips it uses. Errors name the
  // file and line.
  static Result<Coach> build(const Content& content);

  // The full verdict. The verdict's reason and tip views stay valid while this Coach (or a copy
  // of it) lives.
  Verdict check(std::string_view text) const;
  // Only the flags: what check() would report, without evidence, rewrite or tip.
  FlagSet flags_of(std::string_view text) const;

  struct Model;

 private:
  explicit Coach(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  std::shared_ptr<const Model> model_;
};

}  // namespace hearth::coach
