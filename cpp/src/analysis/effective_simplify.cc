// File: effective_simplify.cc
#include "analysis/effective_simplify.h"

#include <algorithm>
#include <utility>

#include "analysis/effective_summary.h"

namespace iameval::internal::analysis {
namespace {

// Beyond this many terms in one requirement, the pairwise absorption step is skipped (it is
// only a simplification).
constexpr size_t kMaxAbsorptionTerms = 32;

const ResourceClause& ClauseOf(const AnalysisSetup& setup, uint32_t id) {
  return setup.fact(id).resources;
}

ResourceExpr NoneOf(const AnalysisSetup& setup, const std::vector<uint32_t>& ids) {
  std::vector<ResourceExpr> parts;
  for (uint32_t id : ids) parts.push_back(ResourceExpr::Not(ResourceExpr::Holds(ClauseOf(setup, id))));
  return ResourceExpr::And(std::move(parts));
}

// Preference among paths when reporting why nothing grants: the principal's main route
// first, as DecideRequest() reports it.
int ReportRank(PathKind kind) {
  switch (kind) {
    case PathKind::kIdentity: return 0;
    case PathKind::kCrossAccount: return 1;
    case PathKind::kResourceAny: return 2;
    case PathKind::kRoot: return 3;
    case PathKind::kResourceAccount: return 4;
    case PathKind::kResourceDirect: return 5;
    default: return 6;
  }
}

struct Missing {
  Layer layer = Layer::kNone;
  int level = -1;
  int rank = 1000;
};

// Simplifies one requirement. Returns false when it can never be met (`missing` updated);
// sets `dropped` when it always holds.
bool SimplifyRequirement(const AnalysisSetup& setup, ResourceAlgebra& algebra,
                         const Requirement& in, GrantPath& path, Requirement& out,
                         bool& dropped) {
  dropped = false;
  out.layer = in.layer;
  out.level = in.level;
  out.terms.clear();
  for (uint32_t t : in.terms) {
    if (!algebra.Disjoint(ClauseOf(setup, t))) out.terms.push_back(t);
  }
  if (out.terms.empty()) return false;
  const bool grant_layer = in.layer == PathLayer(path.kind);
  std::vector<uint32_t> unconditional;
  for (uint32_t t : out.terms) {
    if (setup.fact(t).unconditional()) unconditional.push_back(t);
  }
  if (!unconditional.empty()) {
    uint32_t covering = kNoStatement;
    for (uint32_t t : unconditional) {
      if (algebra.Covers(ClauseOf(setup, t))) {
        covering = t;
        break;
      }
    }
    if (covering == kNoStatement && unconditional.size() > 1 &&
        algebra.Satisfiable(NoneOf(setup, unconditional)) == Tri::kNo) {
      covering = unconditional.front();
    }
    if (covering != kNoStatement) {
      if (grant_layer && path.granting == kNoStatement) path.granting = covering;
      dropped = true;
      return true;
    }
    // Terms inside an unconditional term grant nothing more.
    if (out.terms.size() > 1 && out.terms.size() <= kMaxAbsorptionTerms) {
      std::vector<uint32_t> kept;
      for (size_t i = 0; i < out.terms.size(); ++i) {
        const uint32_t t = out.terms[i];
        bool absorbed = false;
        for (uint32_t u : unconditional) {
          if (u == t) continue;
          // Two unconditional terms that include each other: keep the earlier one.
          const bool t_unconditional = setup.fact(t).unconditional();
          if (t_unconditional &&
              std::find(out.terms.begin(), out.terms.end(), u) > out.terms.begin() + i) {
            continue;
          }
          const ResourceExpr outside = ResourceExpr::And(
              {ResourceExpr::Holds(ClauseOf(setup, t)),
               ResourceExpr::Not(ResourceExpr::Holds(ClauseOf(setup, u)))});
          if (algebra.Satisfiable(outside) == Tri::kNo) {
            absorbed = true;
            break;
          }
        }
        if (!absorbed) kept.push_back(t);
      }
      out.terms = std::move(kept);
    }
  }
  if (grant_layer && path.granting == kNoStatement) path.granting = out.terms.front();
  return true;
}

bool PathConditional(const AnalysisSetup& setup, const GrantPath& path) {
  for (const Requirement& requirement : path.requirements) {
    for (uint32_t t : requirement.terms) {
      if (!setup.fact(t).unconditional()) return true;
    }
  }
  return false;
}

}  // namespace

ResourceExpr RequirementResources(const AnalysisSetup& setup, const Requirement& requirement) {
  std::vector<ResourceExpr> any;
  for (uint32_t t : requirement.terms) any.push_back(ResourceExpr::Holds(ClauseOf(setup, t)));
  return ResourceExpr::Or(std::move(any));
}

ResourceExpr PathResources(const AnalysisSetup& setup, const GrantPath& path) {
  std::vector<ResourceExpr> all;
  for (const Requirement& requirement : path.requirements) {
    all.push_back(RequirementResources(setup, requirement));
  }
  return ResourceExpr::And(std::move(all));
}

SimplifiedAction Simplify(const AnalysisSetup& setup, const ActionModel& model,
                          ResourceAlgebra& algebra) {
  SimplifiedAction out;
  ActionSummary& summary = out.summary;
  out.model.missing_layer = model.missing_layer;
  out.model.missing_level = model.missing_level;
  for (const GrantPath& path : model.paths) {
    if (path.kind == PathKind::kImplicit) {
      out.model.paths.push_back(path);
      summary.status = EffectiveStatus::kAllowed;
      summary.resources = {"*"};
      summary.deciding_layer = Layer::kImplicit;
      return out;
    }
  }

  // Denials that can apply in the universe, unconditional and conditional.
  std::vector<uint32_t> unconditional;
  std::vector<uint32_t> conditional;
  for (uint32_t d : model.denials) {
    if (algebra.Disjoint(ClauseOf(setup, d))) continue;
    (setup.fact(d).unconditional() ? unconditional : conditional).push_back(d);
  }

  // Do unconditional Denies cover every resource?
  uint32_t covering = kNoStatement;
  for (uint32_t d : unconditional) {
    if (algebra.Covers(ClauseOf(setup, d))) {
      covering = d;
      break;
    }
  }
  if (covering == kNoStatement && unconditional.size() > 1 &&
      algebra.Satisfiable(NoneOf(setup, unconditional)) == Tri::kNo) {
    covering = unconditional.front();
  }
  if (covering != kNoStatement) {
    out.model.paths = model.paths;
    out.model.denials = unconditional;
    summary.status = EffectiveStatus::kDenied;
    summary.deciding_layer = setup.fact(covering).layer;
    summary.deciding_level = setup.fact(covering).level;
    summary.deciding_statement = covering;
    return out;
  }
  const ResourceExpr not_denied = NoneOf(setup, unconditional);

  // Grant paths.
  Missing missing;
  bool removed_by_denial = false;
  std::vector<GrantPath> paths;
  for (const GrantPath& path : model.paths) {
    GrantPath simplified;
    simplified.kind = path.kind;
    bool dead = false;
    for (const Requirement& requirement : path.requirements) {
      Requirement kept;
      bool dropped = false;
      if (!SimplifyRequirement(setup, algebra, requirement, simplified, kept, dropped)) {
        dead = true;
        // The KMS key rule only routes keys to the mandatory paths: not a missing layer.
        if (requirement.layer != Layer::kImplicit && ReportRank(path.kind) < missing.rank) {
          missing = {requirement.layer, requirement.level, ReportRank(path.kind)};
        }
        break;
      }
      if (!dropped) simplified.requirements.push_back(std::move(kept));
    }
    if (dead) continue;
    // Layers whose resources do not meet, or unconditional Denies over all of them.
    if ((simplified.requirements.size() > 1 || !unconditional.empty()) &&
        algebra.Satisfiable(ResourceExpr::And({PathResources(setup, simplified), not_denied})) ==
            Tri::kNo) {
      if (!unconditional.empty() &&
          algebra.Satisfiable(PathResources(setup, simplified)) != Tri::kNo) {
        removed_by_denial = true;
      } else if (ReportRank(path.kind) < missing.rank) {
        const Requirement& last = simplified.requirements.back();
        missing = {last.layer, last.level, ReportRank(path.kind)};
      }
      continue;
    }
    paths.push_back(std::move(simplified));
  }
  // A path that always holds decides alone.
  for (const GrantPath& path : paths) {
    if (path.requirements.empty()) {
      GrantPath always = path;
      paths = {std::move(always)};
      break;
    }
  }
  // Conditional paths inside the unconditional ones add nothing.
  std::vector<ResourceExpr> unconditional_paths;
  for (const GrantPath& path : paths) {
    if (!PathConditional(setup, path)) unconditional_paths.push_back(PathResources(setup, path));
  }
  if (!unconditional_paths.empty() && unconditional_paths.size() < paths.size()) {
    const ResourceExpr covered = ResourceExpr::Or(unconditional_paths);
    std::vector<GrantPath> kept;
    for (GrantPath& path : paths) {
      if (PathConditional(setup, path) &&
          algebra.Satisfiable(ResourceExpr::And(
              {PathResources(setup, path), ResourceExpr::Not(covered)})) == Tri::kNo) {
        continue;
      }
      kept.push_back(std::move(path));
    }
    paths = std::move(kept);
  }

  if (paths.empty()) {
    out.model.denials = unconditional;
    out.model.denials.insert(out.model.denials.end(), conditional.begin(), conditional.end());
    summary.status = EffectiveStatus::kNotAllowed;
    if (model.missing_layer != Layer::kNone) {
      summary.deciding_layer = model.missing_layer;
      summary.deciding_level = model.missing_level;
    } else if (missing.layer != Layer::kNone) {
      summary.deciding_layer = missing.layer;
      summary.deciding_level = missing.level;
    } else if (removed_by_denial && !unconditional.empty()) {
      summary.deciding_layer = setup.fact(unconditional.front()).layer;
      summary.deciding_level = setup.fact(unconditional.front()).level;
      summary.deciding_statement = unconditional.front();
    }
    return out;
  }

  // Denials that touch what the paths can grant.
  std::vector<ResourceExpr> path_exprs;
  for (const GrantPath& path : paths) path_exprs.push_back(PathResources(setup, path));
  const ResourceExpr grantable = ResourceExpr::Or(path_exprs);
  auto touches = [&](uint32_t d) {
    return algebra.Satisfiable(ResourceExpr::And(
               {grantable, ResourceExpr::Holds(ClauseOf(setup, d))})) != Tri::kNo;
  };
  for (uint32_t d : unconditional) {
    if (touches(d)) out.model.denials.push_back(d);
  }
  const size_t unconditional_kept = out.model.denials.size();
  for (uint32_t d : conditional) {
    if (!touches(d)) continue;
    if (!unconditional.empty() &&
        algebra.Satisfiable(ResourceExpr::And({ResourceExpr::Holds(ClauseOf(setup, d)),
                                               not_denied})) == Tri::kNo) {
      continue;  // it only denies what is denied anyway
    }
    out.model.denials.push_back(d);
  }
  out.model.paths = std::move(paths);

  // Status.
  bool conditions = out.model.denials.size() > unconditional_kept;
  for (const GrantPath& path : out.model.paths) conditions = conditions || PathConditional(setup, path);
  if (conditions) {
    summary.status = EffectiveStatus::kAllowedConditionally;
  } else {
    summary.status = EffectiveStatus::kAllowedOnSomeResources;
    if (out.model.denials.empty()) {
      bool always = false;
      for (const GrantPath& path : out.model.paths) always = always || path.requirements.empty();
      if (always || algebra.Satisfiable(ResourceExpr::Not(grantable)) == Tri::kNo) {
        summary.status = EffectiveStatus::kAllowed;
      }
    }
  }
  const GrantPath& first = out.model.paths.front();
  summary.deciding_layer = PathLayer(first.kind);
  summary.deciding_statement = first.granting;
  std::vector<uint32_t>& listed = summary.conditional_statements;
  auto note = [&listed, &setup](uint32_t id) {
    if (!setup.fact(id).unconditional() &&
        std::find(listed.begin(), listed.end(), id) == listed.end()) {
      listed.push_back(id);
    }
  };
  for (const GrantPath& path : out.model.paths) {
    for (const Requirement& requirement : path.requirements) {
      for (uint32_t t : requirement.terms) note(t);
    }
  }
  for (uint32_t d : out.model.denials) note(d);
  SummarizeResources(setup, out, algebra);
  return out;
}

}  // namespace iameval::internal::analysis
