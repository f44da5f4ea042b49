// File: effective_summary.cc
#include "analysis/effective_summary.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace iameval::internal::analysis {
namespace {

// Pairwise intersection stops growing beyond this many patterns per path (the summary is
// then a superset, marked inexact).
constexpr size_t kMaxPatterns = 256;

// One allowed pattern: value `value` of `clause`; a null clause is "any resource".
struct Entry {
  const ResourceClause* clause = nullptr;
  int value = -1;
};

std::vector<Entry> Narrow(const std::vector<Entry>& current, const std::vector<Entry>& with,
                          ResourceAlgebra& algebra, bool& exact) {
  std::vector<Entry> out;
  for (const Entry& l : current) {
    for (const Entry& s : with) {
      if (l.clause == nullptr) {
        out.push_back(s);
      } else if (algebra.ValueIncludes(*s.clause, s.value, *l.clause, l.value)) {
        out.push_back(l);
      } else if (algebra.ValueIncludes(*l.clause, l.value, *s.clause, s.value)) {
        out.push_back(s);
      } else if (!algebra.ValuesDisjoint(*l.clause, l.value, *s.clause, s.value)) {
        out.push_back(l);  // both constraints hold; the detail keeps the other one
        exact = false;
      }
      if (out.size() > kMaxPatterns) {
        exact = false;
        return current;
      }
    }
  }
  return out;
}

std::vector<Entry> ValuesOf(const ResourceClause& clause) {
  std::vector<Entry> entries;
  for (size_t i = 0; i < clause.values.size(); ++i) {
    entries.push_back({&clause, static_cast<int>(i)});
  }
  return entries;
}

void AddUnique(const std::string& value, std::set<std::string>& seen,
               std::vector<std::string>& out) {
  if (seen.insert(value).second) out.push_back(value);
}

}  // namespace

void SummarizeResources(const AnalysisSetup& setup, SimplifiedAction& action,
                        ResourceAlgebra& algebra) {
  ActionSummary& summary = action.summary;
  summary.resources.clear();
  summary.excluded.clear();
  if (summary.status == EffectiveStatus::kAllowed) {
    summary.resources = {"*"};
    summary.resources_exact = true;
    return;
  }
  bool exact = true;
  std::set<std::string> seen_excluded;
  const bool single_path = action.model.paths.size() == 1;
  std::vector<Entry> all;
  for (const GrantPath& path : action.model.paths) {
    std::vector<Entry> allowed{Entry{}};
    for (const Requirement& requirement : path.requirements) {
      std::vector<Entry> listed;
      bool any = false;
      for (uint32_t t : requirement.terms) {
        const ResourceClause& clause = setup.fact(t).resources;
        if (clause.MatchesEverything() || algebra.Covers(clause)) {
          any = true;
        } else if (clause.kind == ResourceClause::Kind::kListed) {
          for (const Entry& e : ValuesOf(clause)) listed.push_back(e);
        } else {
          any = true;
          if (single_path && requirement.terms.size() == 1) {
            for (const std::string& value : clause.values) {
              AddUnique(value, seen_excluded, summary.excluded);
            }
          } else {
            exact = false;
          }
        }
      }
      if (!any) allowed = Narrow(allowed, listed, algebra, exact);
    }
    // NotResource Denies: what is allowed lies inside their values.
    for (uint32_t d : action.model.denials) {
      const StatementFacts& fact = setup.fact(d);
      if (fact.unconditional() && fact.resources.kind == ResourceClause::Kind::kNotListed) {
        allowed = Narrow(allowed, ValuesOf(fact.resources), algebra, exact);
      }
    }
    all.insert(all.end(), allowed.begin(), allowed.end());
  }
  std::set<std::string> seen;
  for (const Entry& e : all) {
    if (e.clause == nullptr) {
      summary.resources = {"*"};
      seen.clear();
      break;
    }
    AddUnique(e.clause->values[static_cast<size_t>(e.value)], seen, summary.resources);
  }
  for (uint32_t d : action.model.denials) {
    const StatementFacts& fact = setup.fact(d);
    if (fact.unconditional() && fact.resources.kind == ResourceClause::Kind::kListed) {
      for (const std::string& value : fact.resources.values) {
        AddUnique(value, seen_excluded, summary.excluded);
      }
    }
  }
  summary.resources_exact =
      exact && summary.status != EffectiveStatus::kAllowedConditionally && !summary.resources.empty();
}

}  // namespace iameval::internal::analysis
