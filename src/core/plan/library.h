// The practice library and conversation prompt packs as values, read from content/practices/
// and content/prompts/ (formats in their READMEs). Parsed in core/assessment/content.cc, the one
// file that reads TOML; checked against the catalog's tags, areas and causes.
#pragma once

#include <string>
#include <vector>

#include "core/assessment/content.h"
#include "core/assessment/instrument.h"
#include "core/result.h"

namespace hearth::plan {

enum class Who { kTogether, kSolo };
enum class Cost { kFree = 0, kLow = 1, kMedium = 2 };
enum class Energy { kLow = 0, kMedium = 1, kHigh = 2 };
enum class Setting { kHome, kOut, kAnywhere };
std::string_view to_string(Who w);
std::string_view to_string(Cost c);
std::string_view to_string(Energy e);
std::string_view to_string(Setting s);

struct Practice {
  std::string id;
  std::string title;
  std::string calendar_title;  // neutral: what calendars and lock screens show
  std::string goal;
  std::vector<std::string> steps;
  int minutes = 30;
  Who who = Who::kTogether;
  Cost cost = Cost::kFree;
  int difficulty = 1;  // 1–3
  Energy energy = Energy::kLow;
  Setting setting = Setting::kHome;
  std::vector<std::string> tags;   // the first is the main one
  std::vector<std::string> areas;  // "instrument/subscale"
  std::vector<std::string> causes;
  std::string why;
  std::string cite;  // may be empty
};

enum class Depth { kLight = 0, kPersonal = 1, kVulnerable = 2 };
std::string_view to_string(Depth d);
std::optional<Depth> parse_depth(std::string_view s);
constexpr const char* kThemes[] = {"everyday", "appreciation", "dreams",  "fears",
                                   "past",     "future",       "intimacy"};

struct Prompt {
  std::string id;  // "<pack>.<id>" for packs, "custom.<n>" for a couple's own
  Depth depth = Depth::kLight;
  std::string theme;
  std::string text;
};

struct Library {
  std::vector<Practice> practices;  // sorted by id
  std::vector<Prompt> prompts;      // in pack order
  const Practice* practice(std::string_view id) const;
  const Prompt* prompt(std::string_view id) const;
};

Result<std::vector<Practice>> parse_practices(const std::vector<assessment::SourceFile>& files,
                                              const assessment::Catalog& catalog);
Result<std::vector<Prompt>> parse_prompt_packs(const std::vector<assessment::SourceFile>& files);

}  // namespace hearth::plan
