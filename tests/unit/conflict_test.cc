#include "core/conflict.h"

#include <gtest/gtest.h>

namespace hearth::conflict {
namespace {

constexpr UserId kAna = 1, kBen = 2, kStranger = 3;
constexpr Millis kT0 = 1'800'000'000'000;

Couple pair() { return Couple{10, 0, {{kAna, "Ana", 0}, {kBen, "Ben", 0}}, std::nullopt}; }

Conflict started() { return start(100, pair(), kAna, "  The dishes  ", kT0).value(); }

Conflict both_sides_in() {
  Conflict c = started();
  EXPECT_TRUE(write_side(c, kAna, "h", "f", "n", true, {}, kT0 + 1).ok());
  EXPECT_TRUE(write_side(c, kBen, "h2", "f2", "n2", true, {}, kT0 + 2).ok());
  return c;
}

Conflict at_ideas() {
  Conflict c = both_sides_in();
  EXPECT_TRUE(write_restatement(c, kAna, "You felt alone", {}, kT0 + 3).ok());
  EXPECT_TRUE(answer_restatement(c, kBen, true, kT0 + 4).ok());
  EXPECT_TRUE(write_restatement(c, kBen, "You felt unheard", {}, kT0 + 5).ok());
  EXPECT_TRUE(answer_restatement(c, kAna, true, kT0 + 6).ok());
  return c;
}

}  // namespace

TEST(Conflict, StartsInWritingWithATrimmedTopic) {
  Conflict c = started();
  EXPECT_EQ(c.stage, Stage::kWriting);
  EXPECT_EQ(c.topic, "The dishes");
  EXPECT_EQ(c.started_by, kAna);
}

TEST(Conflict, NeedsAPairedCoupleAndATopic) {
  Couple alone{10, 0, {{kAna, "Ana", 0}}, std::nullopt};
  EXPECT_EQ(start(1, alone, kAna, "x", kT0).error().slug, "conflict-tools-unavailable");
  EXPECT_EQ(start(1, pair(), kAna, "   ", kT0).error().field, "topic");
  EXPECT_EQ(start(1, pair(), kAna, std::string(201, 'x'), kT0).error().field, "topic");
  EXPECT_FALSE(start(1, pair(), kStranger, "x", kT0).ok());
}

TEST(Conflict, SafetySignalSwitchesToolsOff) {
  std::optional<Couple> c = pair();
  EXPECT_TRUE(tools_offered(c, {}));
  EXPECT_FALSE(tools_offered(c, SafetySignals{true}));
  EXPECT_FALSE(tools_offered(std::nullopt, {}));
}

TEST(Conflict, DraftsMayBeIncompleteButASubmittedSideMayNot) {
  Conflict c = started();
  EXPECT_TRUE(write_side(c, kAna, "what happened", "", "", false, {}, kT0).ok());
  Status s = write_side(c, kAna, "what happened", "", "", true, {}, kT0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "felt");
}

TEST(Conflict, BothSidesSubmittedMovesToUnderstanding) {
  Conflict c = started();
  ASSERT_TRUE(write_side(c, kAna, "h", "f", "n", true, {}, kT0).ok());
  EXPECT_EQ(c.stage, Stage::kWriting);
  EXPECT_FALSE(c.both_submitted());
  ASSERT_TRUE(write_side(c, kBen, "h", "f", "n", true, {}, kT0).ok());
  EXPECT_EQ(c.stage, Stage::kUnderstanding);
}

TEST(Conflict, ASubmittedSideCannotBeChanged) {
  Conflict c = started();
  ASSERT_TRUE(write_side(c, kAna, "h", "f", "n", true, {}, kT0).ok());
  EXPECT_EQ(write_side(c, kAna, "other", "f", "n", true, {}, kT0).error().slug, "wrong-step");
}

TEST(Conflict, PartnerSideStaysPrivateUntilBothSubmitted) {
  Conflict c = started();
  ASSERT_TRUE(write_side(c, kAna, "h", "f", "n", true, {}, kT0).ok());
  std::vector<UserId> members{kAna, kBen};
  Viewer ben{kBen, 10};
  EXPECT_FALSE(PrivacyPolicy::can_read(ben, side_meta(c, kAna, members)));
  ASSERT_TRUE(write_side(c, kBen, "h", "f", "n", true, {}, kT0).ok());
  EXPECT_TRUE(PrivacyPolicy::can_read(ben, side_meta(c, kAna, members)));
}

TEST(Conflict, AFormerPartnersWordsAreHiddenFromTheOneWhoStayed) {
  Conflict c = both_sides_in();
  std::vector<UserId> only_ana{kAna};  // Ben left the couple
  EXPECT_FALSE(PrivacyPolicy::can_read(Viewer{kAna, 10}, side_meta(c, kBen, only_ana)));
  EXPECT_FALSE(PrivacyPolicy::can_read(Viewer{kAna, 10}, shared_meta(c, kBen, only_ana)));
  EXPECT_TRUE(PrivacyPolicy::can_read(Viewer{kBen, 0}, side_meta(c, kBen, only_ana)));
}

TEST(Conflict, RejectedRestatementGoesBackToItsAuthor) {
  Conflict c = both_sides_in();
  ASSERT_TRUE(write_restatement(c, kAna, "You were tired", {}, kT0).ok());
  ASSERT_TRUE(answer_restatement(c, kBen, false, kT0).ok());
  EXPECT_EQ(c.restatements[kAna].status, RestatementStatus::kTryAgain);
  // Ben cannot answer again until Ana tries again.
  EXPECT_EQ(answer_restatement(c, kBen, true, kT0).error().slug, "wrong-step");
  ASSERT_TRUE(write_restatement(c, kAna, "You felt left alone with it", {}, kT0).ok());
  EXPECT_EQ(c.restatements[kAna].attempts, 2);
  ASSERT_TRUE(answer_restatement(c, kBen, true, kT0).ok());
  EXPECT_EQ(c.restatements[kAna].status, RestatementStatus::kConfirmed);
  EXPECT_EQ(c.stage, Stage::kUnderstanding);  // Ben has not been understood yet
}

TEST(Conflict, NobodyConfirmsTheirOwnRestatement) {
  Conflict c = both_sides_in();
  ASSERT_TRUE(write_restatement(c, kAna, "You were tired", {}, kT0).ok());
  EXPECT_EQ(answer_restatement(c, kAna, true, kT0).error().slug, "wrong-step");
}

TEST(Conflict, StepsOutOfOrderAreRefused) {
  Conflict c = started();
  EXPECT_EQ(write_restatement(c, kAna, "x", {}, kT0).error().slug, "wrong-step");
  EXPECT_EQ(add_idea(c, kAna, 1, "x", {}, kT0).error().slug, "wrong-step");
  EXPECT_EQ(accept_agreement(c, kAna, kT0).error().slug, "wrong-step");
  EXPECT_EQ(propose_agreement(c, kAna, {"x"}, {}, kT0).error().slug, "wrong-step");
}

TEST(Conflict, AgreementNeedsIdeasFromBoth) {
  Conflict c = at_ideas();
  EXPECT_EQ(c.stage, Stage::kIdeas);
  ASSERT_TRUE(add_idea(c, kAna, 1, "Take turns", {}, kT0).ok());
  EXPECT_EQ(propose_agreement(c, kAna, {"x"}, {}, kT0).error().slug, "wrong-step");
  ASSERT_TRUE(add_idea(c, kBen, 2, "A rota on the fridge", {}, kT0).ok());
  EXPECT_EQ(propose_agreement(c, kAna, {}, {}, kT0).error().field, "steps");
  EXPECT_EQ(propose_agreement(c, kAna, std::vector<std::string>(11, "x"), {}, kT0).error().field,
            "steps");
  ASSERT_TRUE(propose_agreement(c, kAna, {"Ana washes Mon–Wed", "Ben Thu–Sat"}, {}, kT0).ok());
  EXPECT_EQ(c.stage, Stage::kAgreement);
}

TEST(Conflict, BothAcceptingEndsInAgreementAndANewProposalClearsAcceptance) {
  Conflict c = at_ideas();
  ASSERT_TRUE(add_idea(c, kAna, 1, "a", {}, kT0).ok());
  ASSERT_TRUE(add_idea(c, kBen, 2, "b", {}, kT0).ok());
  ASSERT_TRUE(propose_agreement(c, kAna, {"one"}, {}, kT0).ok());
  EXPECT_EQ(accept_agreement(c, kAna, kT0).error().slug, "wrong-step");  // proposing is accepting
  ASSERT_TRUE(propose_agreement(c, kBen, {"one", "two"}, {}, kT0).ok());
  EXPECT_EQ(c.agreement->accepted_by, std::vector<UserId>{kBen});
  ASSERT_TRUE(accept_agreement(c, kAna, kT0 + 10).ok());
  EXPECT_EQ(c.stage, Stage::kAgreed);
  EXPECT_EQ(c.ended_at, kT0 + 10);
  EXPECT_EQ(add_idea(c, kAna, 3, "late", {}, kT0).error().slug, "wrong-step");
}

TEST(Conflict, PauseLastsAtLeastTwentyMinutesAndBlocksChanges) {
  Conflict c = started();
  EXPECT_EQ(pause(c, kAna, 19, kT0).error().field, "minutes");
  ASSERT_TRUE(pause(c, kAna, 20, kT0).ok());
  auto p = active_pause(c, kT0 + 5 * kMinute);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->until, kT0 + 20 * kMinute);
  EXPECT_EQ(write_side(c, kBen, "h", "f", "n", false, {}, kT0 + kMinute).error().slug,
            "conflict-paused");
  EXPECT_EQ(close(c, kBen, kT0 + kMinute).error().slug, "conflict-paused");
  // The flow resumes by itself at the return time.
  EXPECT_TRUE(write_side(c, kBen, "h", "f", "n", false, {}, kT0 + 20 * kMinute).ok());
}

TEST(Conflict, OnlyThePauserEndsAPauseEarly) {
  Conflict c = started();
  ASSERT_TRUE(pause(c, kAna, 60, kT0).ok());
  EXPECT_EQ(resume(c, kBen, kT0 + kMinute).error().slug, "wrong-step");
  ASSERT_TRUE(resume(c, kAna, kT0 + kMinute).ok());
  EXPECT_FALSE(active_pause(c, kT0 + 2 * kMinute).has_value());
  EXPECT_EQ(resume(c, kAna, kT0 + 2 * kMinute).error().slug, "wrong-step");
}

TEST(Conflict, ClosingEndsItUnresolvedAndRecordsWho) {
  Conflict c = both_sides_in();
  ASSERT_TRUE(close(c, kBen, kT0 + 9).ok());
  EXPECT_EQ(c.stage, Stage::kClosed);
  EXPECT_EQ(c.closed_by, kBen);
  EXPECT_EQ(close(c, kAna, kT0 + 10).error().slug, "wrong-step");
}

TEST(Conflict, StrangersCannotAct) {
  Conflict c = started();
  EXPECT_EQ(write_side(c, kStranger, "h", "f", "n", false, {}, kT0).error().code,
            ErrorCode::kNotFound);
}

TEST(Conflict, TextsAreBounded) {
  Conflict c = started();
  EXPECT_EQ(write_side(c, kAna, std::string(4001, 'x'), "f", "n", false, {}, kT0).error().field,
            "happened");
  EXPECT_TRUE(write_side(c, kAna, std::string(4000, 'x'), "f", "n", false, {}, kT0).ok());
}

TEST(Conflict, NextStepSpeaksToWhereEachPersonIs) {
  Conflict c = started();
  ASSERT_TRUE(write_side(c, kAna, "h", "f", "n", true, {}, kT0).ok());
  EXPECT_NE(next_step(c, kAna, kT0).find("shared"), std::string::npos);
  EXPECT_NE(next_step(c, kBen, kT0).find("Write your side"), std::string::npos);
  ASSERT_TRUE(pause(c, kBen, 30, kT0).ok());
  EXPECT_NE(next_step(c, kAna, kT0).find("partner asked for a pause"), std::string::npos);
}

}  // namespace hearth::conflict
