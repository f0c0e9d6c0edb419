#include "core/text_list.h"

#include <gtest/gtest.h>

namespace hearth {

TEST(TextList, SkipsBlankLinesAndComments) {
  auto r = parse_text_list("s.txt", "# a comment\n\nFirst one\r\n  Second one  \n", {2, 100});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{"First one", "Second one"}));
}

TEST(TextList, ErrorsNameTheFileAndLine) {
  auto r = parse_text_list("content/x.txt", "ok\n" + std::string(20, 'y') + "\n", {1, 10});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail.rfind("content/x.txt:2:", 0), 0u) << r.error().detail;
  auto dup = parse_text_list("x.txt", "same\nother\nsame\n", {1, 10});
  EXPECT_NE(dup.error().detail.find("x.txt:3:"), std::string::npos);
  EXPECT_FALSE(parse_text_list("x.txt", "# only a comment\n", {1, 10}).ok());
}

}  // namespace hearth
