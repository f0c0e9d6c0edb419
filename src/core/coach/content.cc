#include "core/coach/content.h"

#include <algorithm>

#include "core/coach/flags.h"

namespace hearth::coach {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls `on_line(columns, source)` for every line that is not blank or a comment.
template <typename OnLine>
Status each_line(const ContentFile& file, std::size_t columns, OnLine on_line) {
  std::string_view text = file.text;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM some editors add
  int number = 0;
  while (!text.empty()) {
    auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    SourceLine source{file.name, number};
    if (trim(line).empty() || trim(line).front() == '#') continue;
    std::vector<std::string_view> cols;
    while (true) {
      auto tab = line.find('\t');
      cols.push_back(trim(line.substr(0, tab)));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    if (cols.size() != columns) {
      return content_error(source, "expected " + std::to_string(columns) +
                                       " tab-separated columns, found " +
                                       std::to_string(cols.size()));
    }
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].empty()) {
        return content_error(source, "column " + std::to_string(i + 1) + " is empty");
      }
    }
    if (Status s = on_line(cols, source); !s.ok()) return s;
  }
  return Status::Ok();
}

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

bool has_upper_ascii(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

Error content_error(const SourceLine& where, std::string_view message) {
  return Error::make(ErrorCode::kInvalidField, "content-invalid",
                     where.where() + ": " + std::string(message));
}

Status parse_lexicon(const ContentFile& file, Content& content) {
  return each_line(file, 2, [&](const std::vector<std::string_view>& cols, SourceLine source) {
    std::string_view name = cols[0];
    if (!is_name(name)) {
      return Status(content_error(source, "class name \"" + std::string(name) +
                                              "\" must be lower-case letters, digits or _"));
    }
    auto it = std::find_if(content.classes.begin(), content.classes.end(),
                           [&](const WordClass& c) { return c.name == name; });
    if (it == content.classes.end()) {
      content.classes.push_back({std::string(name), {}, source});
      it = content.classes.end() - 1;
    }
    std::string_view entries = cols[1];
    while (true) {
      auto comma = entries.find(',');
      std::string_view e = trim(entries.substr(0, comma));
      if (e.empty()) return Status(content_error(source, "an empty entry (two commas in a row?)"));
      if (has_upper_ascii(e)) {
        return Status(content_error(
            source, "entry \"" + std::string(e) + "\" must be written in lower case"));
      }
      ClassEntry entry;
      if (e.size() > 1 && e.back() == '+') {
        entry.inflect = true;
        e.remove_suffix(1);
        if (e.find(' ') != std::string_view::npos) {
          return Status(
              content_error(source, "\"" + std::string(e) + "+\": only single words can take '+'"));
        }
      }
      entry.text = std::string(e);
      for (const auto& existing : it->entries) {
        if (existing.text == entry.text) {
          return Status(content_error(
              source, "\"" + entry.text + "\" is listed twice in class " + std::string(name)));
        }
      }
      it->entries.push_back(std::move(entry));
      if (comma == std::string_view::npos) break;
      entries.remove_prefix(comma + 1);
    }
    return Status::Ok();
  });
}

Status parse_contractions(const ContentFile& file, Content& content) {
  return each_line(file, 2, [&](const std::vector<std::string_view>& cols, SourceLine source) {
    if (cols[0].find(' ') != std::string_view::npos) {
      return Status(content_error(source, "a contracted form is one word"));
    }
    if (has_upper_ascii(cols[0]) || has_upper_ascii(cols[1])) {
      return Status(content_error(source, "write contractions in lower case"));
    }
    for (const auto& c : content.contractions) {
      if (c.form == cols[0]) {
        return Status(
            content_error(source, "\"" + c.form + "\" is already defined at " + c.source.where()));
      }
    }
    content.contractions.push_back({std::string(cols[0]), std::string(cols[1]), source});
    return Status::Ok();
  });
}

Status parse_patterns(const ContentFile& file, Content& content) {
  return each_line(file, 3, [&](const std::vector<std::string_view>& cols, SourceLine source) {
    if (cols[0] != "shield" && !flag_from_name(cols[0])) {
      return Status(content_error(source, "unknown flag \"" + std::string(cols[0]) +
                                              "\" (a flag name from LABELS, or shield)"));
    }
    content.patterns.push_back(
        {std::string(cols[0]), std::string(cols[1]), std::string(cols[2]), source});
    return Status::Ok();
  });
}

Status parse_texts(const ContentFile& file, Content& content) {
  return each_line(file, 2, [&](const std::vector<std::string_view>& cols, SourceLine source) {
    if (!is_name(cols[0])) {
      return Status(content_error(source, "key \"" + std::string(cols[0]) +
                                              "\" must be lower-case letters, digits, . or -"));
    }
    for (const auto& t : content.texts) {
      if (t.key == cols[0]) {
        return Status(content_error(
            source, "key \"" + t.key + "\" is already defined at " + t.source.where()));
      }
    }
    content.texts.push_back({std::string(cols[0]), std::string(cols[1]), source});
    return Status::Ok();
  });
}

Status parse_tips(const ContentFile& file, Content& content) {
  return each_line(file, 2, [&](const std::vector<std::string_view>& cols, SourceLine source) {
    if (cols[0] != "none" && !flag_from_name(cols[0])) {
      return Status(content_error(source, "unknown flag \"" + std::string(cols[0]) +
                                              "\" (a flag name from LABELS, or none)"));
    }
    if (cols[1].size() > 400) {
      return Status(content_error(source, "a tip should be short (at most 400 bytes)"));
    }
    content.tips.push_back({std::string(cols[0]), std::string(cols[1]), source});
    return Status::Ok();
  });
}

Result<Content> parse_content(const std::vector<ContentFile>& files) {
  using Parser = Status (*)(const ContentFile&, Content&);
  const std::pair<std::string_view, Parser> parts[] = {
      {kLexiconFile, parse_lexicon},   {kContractionsFile, parse_contractions},
      {kPatternsFile, parse_patterns}, {kTextsFile, parse_texts},
      {kTipsFile, parse_tips},
  };
  Content content;
  for (const auto& [name, parse] : parts) {
    auto file = std::find_if(files.begin(), files.end(), [&](const ContentFile& f) {
      return f.name.size() >= name.size() &&
             std::string_view(f.name).substr(f.name.size() - name.size()) == name;
    });
    if (file == files.end()) {
      return Error::make(ErrorCode::kInvalidField, "content-invalid",
                         std::string(name) + ": the file is missing");
    }
    if (Status s = parse(*file, content); !s.ok()) return s.error();
  }
  return content;
}

std::optional<Flag> flag_from_name(std::string_view name) {
  for (int i = 0; i < kFlagCount; ++i) {
    if (kFlagNames[i] == name) return static_cast<Flag>(i);
  }
  return std::nullopt;
}

}  // namespace hearth::coach
