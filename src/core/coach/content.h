// The coach's content as plain values: word classes, contractions, phrase patterns, texts and
// tips, parsed from the TSV files under content/coach/ (format: content/coach/README.md).
// Parsing is pure: it takes each file's name and text and returns values or an Error that names
// the file and the line ("content/coach/patterns.tsv:12: ..."). Reading the files is the
// caller's business (cli/coach_content.cc). Deeper checks (a pattern naming an unknown class)
// happen when the Coach is built, with the same file:line messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace hearth::coach {

// Where a piece of content came from, for error messages.
struct SourceLine {
  std::string file;
  int line = 0;
  std::string where() const { return file + ":" + std::to_string(line); }
};

struct ClassEntry {
  std::string text;      // one word, several words, or an emoji
  bool inflect = false;  // "word+": also its inflections (forgets, forgetting, forgotten ...)
};

struct WordClass {
  std::string name;
  std::vector<ClassEntry> entries;
  SourceLine source;  // the first line that defines it
};

struct Contraction {
  std::string form;       // "don't"
  std::string expansion;  // "do not"
  SourceLine source;
};

struct PatternRule {
  std::string flag;  // a flag name, or "shield"
  std::string pattern;
  std::string reason;
  SourceLine source;
};

struct Text {
  std::string key;
  std::string text;
  SourceLine source;
};

struct TipRule {
  std::string flag;  // a flag name, or "none"
  std::string text;
  SourceLine source;
};

struct Content {
  std::vector<WordClass> classes;
  std::vector<Contraction> contractions;
  std::vector<PatternRule> patterns;
  std::vector<Text> texts;
  std::vector<TipRule> tips;
};

// One file of content: its name (as it should appear in messages) and its text.
struct ContentFile {
  std::string name;
  std::string text;
};

// The files a content directory must hold, in the order they are parsed.
inline constexpr std::string_view kLexiconFile = "lexicon.tsv";
inline constexpr std::string_view kContractionsFile = "contractions.tsv";
inline constexpr std::string_view kPatternsFile = "patterns.tsv";
inline constexpr std::string_view kTextsFile = "texts.tsv";
inline constexpr std::string_view kTipsFile = "tips.tsv";

// Each parser appends what `file` holds to `content`. Blank lines and lines starting with '#'
// are skipped; every other line must have the documented columns, separated by tabs.
Status parse_lexicon(const ContentFile& file, Content& content);
Status parse_contractions(const ContentFile& file, Content& content);
Status parse_patterns(const ContentFile& file, Content& content);
Status parse_texts(const ContentFile& file, Content& content);
Status parse_tips(const ContentFile& file, Content& content);

// Parses the five files; `files` are matched by the end of their names (".../lexicon.tsv").
// A missing file is an error naming it.
Result<Content> parse_content(const std::vector<ContentFile>& files);

// An Error for content problems: kInvalidField, slug "content-invalid", detail "where: message".
Error content_error(const SourceLine& where, std::string_view message);

}  // namespace hearth::coach
