#include "core/conflict_patterns.h"

#include <algorithm>

namespace hearth::conflict {
namespace {

std::string month_of(Millis t) { return format_date(t).substr(0, 7); }

std::string next_month(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2)) + 1;
  if (mo > 12) {
    mo = 1;
    ++y;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, mo);
  return buf;
}

void add(Tone& total, const Tone& t) {
  total.helpful += t.helpful;
  total.harsh += t.harsh;
}

// The tone of everything in `c` that both partners may read.
Tone readable_tone(const Conflict& c, const std::vector<UserId>& members) {
  Tone t;
  Viewer both{0, c.couple_id};
  auto readable_by_all = [&](const ItemMeta& m) {
    for (UserId u : members) {
      both.user_id = u;
      if (!PrivacyPolicy::can_read(both, m)) return false;
    }
    return true;
  };
  for (const auto& [author, side] : c.sides) {
    if (readable_by_all(side_meta(c, author, members))) add(t, side.tone);
  }
  for (const auto& [author, r] : c.restatements) {
    if (readable_by_all(shared_meta(c, author, members))) add(t, r.tone);
  }
  for (const Idea& i : c.ideas) {
    if (readable_by_all(shared_meta(c, i.author, members))) add(t, i.tone);
  }
  if (c.agreement && readable_by_all(shared_meta(c, c.agreement->proposed_by, members))) {
    add(t, c.agreement->tone);
  }
  return t;
}

// A pause the pauser did not come back from: it ran out and they have not acted here since.
bool withdrawn(const Conflict& c, const Pause& p, Millis now) {
  if (p.resumed_at || now < p.until || c.stage == Stage::kAgreed) return false;
  auto it = c.last_activity.find(p.by);
  return it == c.last_activity.end() || it->second < p.until;
}

}  // namespace

Patterns compute_patterns(const std::vector<Conflict>& conflicts,
                          const std::vector<UserId>& members, Millis now) {
  Patterns out;
  std::map<UserId, PartnerPattern> partners;
  for (UserId u : members) partners[u].id = u;
  std::map<std::string, MonthPattern> months;

  for (const Conflict& c : conflicts) {
    ++out.total;
    MonthPattern& m = months[month_of(c.created_at)];
    ++m.started;
    if (c.stage == Stage::kAgreed) {
      ++out.agreed;
      ++m.agreed;
    } else if (c.stage == Stage::kClosed) {
      ++out.unresolved;
      ++m.unresolved;
    } else if (active_pause(c, now)) {
      ++out.paused;
    } else {
      ++out.open;
    }
    Tone t = readable_tone(c, members);
    m.helpful += t.helpful;
    m.harsh += t.harsh;
    out.helpful += t.helpful;
    out.harsh += t.harsh;

    if (partners.count(c.started_by)) {
      ++partners[c.started_by].raised;
      ++m.raised[c.started_by];
    }
    for (const Pause& p : c.pauses) {
      if (!partners.count(p.by)) continue;
      ++partners[p.by].paused;
      if (withdrawn(c, p, now)) {
        ++partners[p.by].paused_without_return;
        ++m.withdrew[p.by];
      }
    }
    if (c.stage == Stage::kClosed && partners.count(c.closed_by)) {
      ++partners[c.closed_by].closed_unresolved;
      ++m.withdrew[c.closed_by];
    }
  }
  if (out.harsh > 0) out.ratio = static_cast<double>(out.helpful) / out.harsh;

  // Months without conflicts are part of the picture too: fill the gaps.
  if (!months.empty()) {
    std::string last = months.rbegin()->first;
    for (std::string m = months.begin()->first; m <= last; m = next_month(m)) {
      MonthPattern& mp = months[m];
      mp.month = m;
      if (m == last) break;
    }
  }
  for (auto& [key, m] : months) out.months.push_back(std::move(m));
  for (UserId u : members) out.partners.push_back(partners[u]);
  return out;
}

}  // namespace hearth::conflict
