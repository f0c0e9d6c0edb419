#include "core/time.h"

#include <gtest/gtest.h>

namespace hearth {

TEST(Time, FormatsRfc3339InUtc) {
  EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339(1795628387123), "2026-11-25T17:39:47Z");
  EXPECT_EQ(format_rfc3339(-1000), "1969-12-31T23:59:59Z");
}

TEST(Time, ParsesWhatItFormats) {
  for (Millis t : {Millis{0}, Millis{1795628387000}, Millis{951782400000} /* 2000-02-29 */}) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(t)), t);
  }
  EXPECT_EQ(parse_rfc3339("2026-11-25T17:39:47.250Z"), 1795628387000);
  EXPECT_EQ(parse_rfc3339("2026-11-25T17:39:47+00:00"), 1795628387000);
}

TEST(Time, RejectsMalformedOrImpossibleDates) {
  for (const char* bad :
       {"", "2026-11-25", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-25T17:39:47",
        "2026-11-25T25:00:00Z", "2026-11-25T17:39:47+02:00"}) {
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
  }
}

TEST(Time, DateIsTheUtcDay) { EXPECT_EQ(format_date(1795628387000), "2026-11-25"); }

}  // namespace hearth
