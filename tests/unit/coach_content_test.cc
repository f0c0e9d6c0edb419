// The coach's content is checked at start; every mistake names the file and the line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "coach_support.h"
#include "core/coach/content.h"

namespace hearth::coach {
namespace {

std::vector<ContentFile> repo_files() {
  std::vector<ContentFile> files;
  for (std::string_view name :
       {kLexiconFile, kContractionsFile, kPatternsFile, kTextsFile, kTipsFile}) {
    std::ifstream in(testing::source_path("content/coach/" + std::string(name)));
    std::stringstream text;
    text << in.rdbuf();
    files.push_back({"content/coach/" + std::string(name), text.str()});
  }
  return files;
}

ContentFile& file(std::vector<ContentFile>& files, std::string_view name) {
  for (auto& f : files) {
    if (f.name.ends_with(name)) return f;
  }
  throw std::runtime_error("no file");
}

int line_count(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// Appends `line` to file `name` and returns the error detail of parsing and building.
std::string error_after_appending(std::string_view name, const std::string& line) {
  auto files = repo_files();
  ContentFile& f = file(files, name);
  if (!f.text.empty() && f.text.back() != '\n') f.text += '\n';
  f.text += line + "\n";
  auto content = parse_content(files);
  if (!content) return content.error().detail;
  auto coach = Coach::build(*content);
  if (!coach) return coach.error().detail;
  return "";
}

std::string where_appended(std::string_view name) {
  auto files = repo_files();
  const ContentFile& f = file(files, name);
  int n = line_count(f.text) + (f.text.empty() || f.text.back() == '\n' ? 1 : 2);
  return f.name + ":" + std::to_string(n) + ": ";
}

TEST(CoachContent, TheRepositoryContentBuilds) {
  auto content = parse_content(repo_files());
  ASSERT_TRUE(content) << content.error().detail;
  auto coach = Coach::build(*content);
  ASSERT_TRUE(coach) << coach.error().detail;
}

TEST(CoachContent, APatternWithAnUnknownClassNamesTheFileAndLine) {
  std::string e = error_after_appending(kPatternsFile, "blame\tyou @nonsense\tbecause");
  EXPECT_EQ(e.rfind(where_appended(kPatternsFile), 0), 0u) << e;
  EXPECT_NE(e.find("unknown class @nonsense"), std::string::npos) << e;
}

TEST(CoachContent, APatternWithAnUnknownFlagIsRefused) {
  std::string e = error_after_appending(kPatternsFile, "rudeness\tyou\tbecause");
  EXPECT_EQ(e.rfind(where_appended(kPatternsFile), 0), 0u) << e;
  EXPECT_NE(e.find("unknown flag"), std::string::npos) << e;
}

TEST(CoachContent, BrokenPatternSyntaxIsRefused) {
  for (const char* bad :
       {"blame\t(you|your\tx", "blame\tyou)\tx", "blame\t(a||b)\tx", "blame\tyou?*\tx",
        "blame\t^*\tx", "blame\t(you)?\tx", "blame\tYou\tx", "blame\t[x]\tx"}) {
    std::string e = error_after_appending(kPatternsFile, bad);
    EXPECT_EQ(e.rfind(where_appended(kPatternsFile), 0), 0u) << bad << " -> " << e;
  }
}

TEST(CoachContent, AMissingColumnIsRefused) {
  std::string e = error_after_appending(kPatternsFile, "blame\tyou never");
  EXPECT_EQ(e, where_appended(kPatternsFile) + "expected 3 tab-separated columns, found 2");
}

TEST(CoachContent, LexiconMistakesAreRefused) {
  EXPECT_NE(error_after_appending(kLexiconFile, "Bad Name\tx").find("class name"),
            std::string::npos);
  EXPECT_NE(error_after_appending(kLexiconFile, "trait\tlazy").find("listed twice"),
            std::string::npos);
  EXPECT_NE(error_after_appending(kLexiconFile, "trait\tLazy").find("lower case"),
            std::string::npos);
  EXPECT_NE(error_after_appending(kLexiconFile, "trait\ta,,b").find("empty entry"),
            std::string::npos);
  EXPECT_NE(error_after_appending(kLexiconFile, "trait\tvery lazy+").find("single words"),
            std::string::npos);
  std::string e = error_after_appending(kLexiconFile, "trait\tlazy");
  EXPECT_EQ(e.rfind(where_appended(kLexiconFile), 0), 0u) << e;
}

TEST(CoachContent, ARequiredClassThatIsMissingIsNamed) {
  auto files = repo_files();
  ContentFile& lex = file(files, kLexiconFile);
  std::string kept;
  std::istringstream in(lex.text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("negator\t", 0) == 0) continue;
    kept += line + "\n";
  }
  lex.text = kept;
  auto content = parse_content(files);
  ASSERT_TRUE(content);
  auto coach = Coach::build(*content);
  ASSERT_FALSE(coach);
  EXPECT_NE(coach.error().detail.find("needs a class named \"negator\""), std::string::npos)
      << coach.error().detail;
}

TEST(CoachContent, TextsAndTipsAreChecked) {
  std::string dup = error_after_appending(kTextsFile, "rewrite.feeling\tsad");
  EXPECT_NE(dup.find("already defined"), std::string::npos) << dup;
  std::string tip = error_after_appending(kTipsFile, "kindness\tBe kind.");
  EXPECT_NE(tip.find("unknown flag"), std::string::npos) << tip;
  EXPECT_EQ(tip.rfind(where_appended(kTipsFile), 0), 0u) << tip;
}

TEST(CoachContent, AMissingFileIsNamed) {
  auto files = repo_files();
  files.pop_back();
  auto content = parse_content(files);
  ASSERT_FALSE(content);
  EXPECT_NE(content.error().detail.find("tips.tsv"), std::string::npos);
}

TEST(CoachContent, TheLoaderNamesAFileItCannotRead) {
  auto coach = cli::load_coach("/nonexistent-hearth-content");
  ASSERT_FALSE(coach);
  EXPECT_NE(coach.error().detail.find("/nonexistent-hearth-content/coach/lexicon.tsv"),
            std::string::npos);
}

}  // namespace
}  // namespace hearth::coach
