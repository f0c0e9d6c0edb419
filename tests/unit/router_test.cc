#include "http/router.h"

#include <gtest/gtest.h>

namespace hearth::http {
namespace {

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

}  // namespace

TEST(Router, MatchesLiteralRoutesByMethodAndPath) {
  Router router;
  router.add("GET", "/api/v1/me", {});
  router.add("DELETE", "/api/v1/me", {});
  auto req = request("DELETE", "/api/v1/me");
  auto m = router.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->index, 1u);
}

TEST(Router, PathMatchWithWrongMethodListsAllowedMethods) {
  Router router;
  router.add("GET", "/api/v1/me", {});
  router.add("PATCH", "/api/v1/me", {});
  auto req = request("PUT", "/api/v1/me");
  auto m = router.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, HeadIsServedByGetRoutes) {
  Router router;
  router.add("GET", "/healthz", {});
  auto req = request("HEAD", "/healthz");
  EXPECT_NE(router.match(req).route, nullptr);
}

TEST(Router, CapturesParametersWithLiteralSuffix) {
  Router router;
  router.add("GET", "/calendar/{token}.ics", {});
  router.add("PUT", "/api/v1/checkins/{date}", {});
  auto cal = request("GET", "/calendar/abc123.ics");
  ASSERT_NE(router.match(cal).route, nullptr);
  EXPECT_EQ(cal.param("token"), "abc123");
  auto day = request("PUT", "/api/v1/checkins/2026-11-25");
  ASSERT_NE(router.match(day).route, nullptr);
  EXPECT_EQ(day.param("date"), "2026-11-25");
  auto no_suffix = request("GET", "/calendar/abc123");
  EXPECT_EQ(router.match(no_suffix).route, nullptr);
}

TEST(Router, SegmentsMustMatchExactly) {
  Router router;
  router.add("GET", "/api/v1/couple", {});
  for (const char* path :
       {"/api/v1/couple/", "/api/v1/couples", "/api/v1", "/api/v1/couple/x", ""}) {
    auto req = request("GET", path);
    EXPECT_EQ(router.match(req).route, nullptr) << path;
  }
}

TEST(Request, ReadsCookiesAndHeaders) {
  Request r;
  r.headers = {{"cookie", "theme=dark; hearth_session=tok123; other=x"}, {"origin", "http://a"}};
  EXPECT_EQ(r.cookie("hearth_session"), "tok123");
  EXPECT_EQ(r.cookie("missing"), "");
  EXPECT_EQ(r.header("origin"), "http://a");
  EXPECT_FALSE(r.has_header("host"));
}

}  // namespace hearth::http
