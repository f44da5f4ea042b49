// File: diff.cc
// CheckNoNewAccess(): both sides analysed as effective permissions (effective_analysis.h), then
// per pair of action groups (OLD's, NEW's, with their resource universe) one search for new
// access (diff_search.h); each candidate becomes a concrete request (diff_context.h) that
// Decide() must confirm on both sides (diff_verify.h) before anything is reported as new.
#include "iameval/diff.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "analysis/diff_context.h"
#include "analysis/diff_formula.h"
#include "analysis/diff_search.h"
#include "analysis/diff_subjects.h"
#include "analysis/diff_verify.h"
#include "analysis/effective_analysis.h"
#include "eval/prepared_request.h"
#include "eval/principal.h"

namespace iameval {

namespace analysis = internal::analysis;

const char* DiffVerdictName(DiffVerdict verdict) {
  switch (verdict) {
    case DiffVerdict::kNoNewAccess: return "no-new-access";
    case DiffVerdict::kNewAccess: return "new-access";
    case DiffVerdict::kMayGrantNewAccess: return "may-grant-new-access";
  }
  return "may-grant-new-access";
}

const char* ActionChangeName(ActionChange change) {
  switch (change) {
    case ActionChange::kNewlyAllowed: return "newly-allowed";
    case ActionChange::kWiderResources: return "wider-resources";
    case ActionChange::kWiderConditions: return "wider-conditions";
    case ActionChange::kMayBeWider: return "may-be-wider";
  }
  return "may-be-wider";
}

RequestContext NewAccessExample::MakeContext() const {
  return analysis::ToRequestContext(context);
}

namespace {

// What the diff found for one pair of action groups.
struct PairResult {
  enum class Kind : uint8_t { kNone, kProven, kMaybe };
  Kind kind = Kind::kNone;
  std::string reason;                     // kMaybe
  bool resource_per_action = false;       // the formulas do not depend on the resource
  std::string resource;                   // kProven, unless resource_per_action
  std::vector<DiffContextEntry> context;  // kProven
  ActionChange change = ActionChange::kNewlyAllowed;
  std::vector<std::string> new_resources;
  bool example_listed = false;
  int universe = -1;
  // kProven, unless resource_per_action: the resources NEW's values and the search gave for
  // the candidate (`resource` among them), for the other actions of the pair to choose from.
  std::vector<std::string> resources;
};

class SetDiff {
 public:
  SetDiff(const analysis::DiffSubject& subject, const DiffOptions& options,
          const Catalog& catalog, PolicyDiff& out)
      : subject_(subject), options_(options), catalog_(catalog), out_(out) {}

  absl::Status Run();

 private:
  PairResult Analyze(ActionId representative, const analysis::SimplifiedAction& old_group,
                     const analysis::SimplifiedAction& new_group, int universe);
  bool Verify(const analysis::DiffVocabulary& vocabulary, const analysis::SideFormula& new_side,
              const analysis::PairCandidate& candidate, ActionId action, int universe,
              PairResult& result);
  void Classify(const analysis::SimplifiedAction& old_group,
                const analysis::SimplifiedAction& new_group, int universe, PairResult& result);
  std::string ResourceFor(ActionId action, const PairResult& pair) const;
  // The first resource of `pair` for `action` that Decide() confirms, plausible ones first.
  bool ConfirmAction(ActionId action, const PairResult& pair, const RequestContext& context,
                     std::string& resource, Decision& old_decision) const;

  const analysis::DiffSubject& subject_;
  const DiffOptions& options_;
  const Catalog& catalog_;
  PolicyDiff& out_;
  analysis::RequestFrame frame_;
  std::unique_ptr<analysis::UniverseTable> universes_;
  std::unique_ptr<analysis::AlgebraPool> algebras_;
  std::optional<analysis::EffectiveAnalysis> old_;
  std::optional<analysis::EffectiveAnalysis> new_;
  std::optional<analysis::DiffVerifier> verifier_;
  std::string partition_;
  analysis::MeetCache meets_;
};

std::string SetDiff::ResourceFor(ActionId action, const PairResult& pair) const {
  if (!pair.resource_per_action) return pair.resource;
  return analysis::ExampleResource(catalog_, action, partition_, frame_.resource_account);
}

// Plausible resources for `action` first (stable), then the others.
void PreferPlausible(const Catalog& catalog, ActionId action, std::vector<std::string>& resources) {
  std::vector<std::string> unique;
  for (std::string& r : resources) {
    if (std::find(unique.begin(), unique.end(), r) == unique.end()) unique.push_back(std::move(r));
  }
  std::stable_partition(unique.begin(), unique.end(), [&](const std::string& r) {
    return analysis::PlausibleResource(catalog, action, r);
  });
  resources = std::move(unique);
}

bool SetDiff::ConfirmAction(ActionId action, const PairResult& pair,
                            const RequestContext& context, std::string& resource,
                            Decision& old_decision) const {
  const std::string name = catalog_.ActionName(action);
  std::vector<std::string> resources;
  if (pair.resource_per_action) {
    resources.push_back(ResourceFor(action, pair));
  } else {
    resources.push_back(pair.resource);
    // The action's own ARN format, when the pair's universe holds it.
    if (pair.universe >= 0) {
      const std::string own = analysis::ExampleResource(catalog_, action, partition_,
                                                        frame_.resource_account);
      if (internal::LanguageContains(universes_->universe(pair.universe).language, own)) {
        resources.push_back(own);
      }
    }
    resources.insert(resources.end(), pair.resources.begin(), pair.resources.end());
    PreferPlausible(catalog_, action, resources);
  }
  for (const std::string& r : resources) {
    if (verifier_->NewAccess(name, r, context, &old_decision)) {
      resource = r;
      return true;
    }
  }
  return false;
}

bool SetDiff::Verify(const analysis::DiffVocabulary& vocabulary,
                     const analysis::SideFormula& new_side,
                     const analysis::PairCandidate& candidate, ActionId action, int universe,
                     PairResult& result) {
  analysis::RequestFrame frame = frame_;
  frame.action = catalog_.ActionName(action);
  frame.resource = universe >= 0 ? candidate.word
                                 : analysis::ExampleResource(catalog_, action, partition_,
                                                             frame_.resource_account);
  std::vector<DiffContextEntry> entries;
  if (!analysis::SynthesizeContext(vocabulary, candidate.live, candidate.atoms, frame, catalog_,
                                   entries)) {
    return false;
  }
  const RequestContext context = analysis::ToRequestContext(entries);

  // Resources to try: NEW's own values that hold for the candidate, written out (wildcards
  // filled, variables resolved for this request), then the search's own string.
  std::vector<std::string> resources;
  std::vector<std::string> others;
  if (universe >= 0 && !universes_->universe(universe).wildcard_only) {
    const Request request = frame.ForSide(/*old_side=*/false, &context);
    internal::PreparedRequest resolver;  // keeps a pointer to `request`
    if (resolver.Prepare(request, catalog_)) {
      const internal::PatternLanguage& language = universes_->universe(universe).language;
      for (const auto& path : new_side.paths) {
        for (const auto& requirement : path) {
          for (const analysis::TermFormula& term : requirement) {
            if (term.clause != analysis::ResourceClause::Kind::kListed) continue;
            const analysis::ResourceClause& clause =
                new_->setup->fact(term.statement).resources;
            for (size_t i = 0; i < term.values.size(); ++i) {
              const analysis::ValueRef& v = term.values[i];
              const bool holds =
                  (v.kind == analysis::ValueRef::Kind::kLanguage &&
                   candidate.languages.Test(v.index)) ||
                  (v.kind == analysis::ValueRef::Kind::kTemplate && candidate.atoms[v.index]);
              // One reference per value, or one for the clause's values together.
              const bool per_value = term.values.size() == clause.values.size();
              for (size_t j = per_value ? i : 0; j < (per_value ? i + 1 : clause.values.size());
                   ++j) {
                const std::string rendered =
                    analysis::RenderVariables(clause.values[j], resolver);
                // As a real request would name it first (real region and account, filler
                // only in the resource id), then with every wildcard filled alike. Values
                // that do not hold for the candidate come last (Decide() settles whether
                // they still work).
                for (const std::string& written :
                     {analysis::WriteResourcePattern(rendered, frame.resource_account),
                      analysis::FillWildcards(rendered)}) {
                  if (!internal::LanguageContains(language, written)) continue;
                  (holds ? resources : others).push_back(written);
                }
              }
            }
          }
        }
      }
    }
  }
  resources.insert(resources.end(), others.begin(), others.end());
  if (universe >= 0 && !universes_->universe(universe).wildcard_only) {
    const std::string own =
        analysis::ExampleResource(catalog_, action, partition_, frame_.resource_account);
    if (internal::LanguageContains(universes_->universe(universe).language, own)) {
      resources.push_back(own);
    }
  }
  resources.push_back(frame.resource);
  PreferPlausible(catalog_, action, resources);
  for (const std::string& resource : resources) {
    Decision old_decision = Decision::kImplicitDeny;
    if (verifier_->NewAccess(frame.action, resource, context, &old_decision)) {
      result.kind = PairResult::Kind::kProven;
      result.resource_per_action = universe < 0;
      result.resource = resource;
      result.context = std::move(entries);
      result.resources = resources;
      return true;
    }
  }
  return false;
}

void SetDiff::Classify(const analysis::SimplifiedAction& old_group,
                       const analysis::SimplifiedAction& new_group, int universe,
                       PairResult& result) {
  const EffectiveStatus old_status = old_group.summary.status;
  if (old_status == EffectiveStatus::kNotAllowed || old_status == EffectiveStatus::kDenied) {
    result.change = ActionChange::kNewlyAllowed;
    return;
  }
  result.change = ActionChange::kWiderConditions;
  if (universe < 0) return;
  // Resources some NEW path grants that no OLD path ever grants (conditions ignored).
  analysis::ResourceAlgebra& algebra = algebras_->For(universe);
  const analysis::AnalysisSetup& old_setup = *old_->setup;
  const analysis::AnalysisSetup& new_setup = *new_->setup;
  std::vector<analysis::ResourceExpr> old_paths;
  for (const analysis::GrantPath& path : old_group.model.paths) {
    old_paths.push_back(analysis::PathResources(old_setup, path));
  }
  std::vector<analysis::ResourceExpr> old_allowed{analysis::ResourceExpr::Or(old_paths)};
  for (uint32_t d : old_group.model.denials) {
    const analysis::StatementFacts& fact = old_setup.fact(d);
    if (fact.unconditional()) {
      old_allowed.push_back(
          analysis::ResourceExpr::Not(analysis::ResourceExpr::Holds(fact.resources)));
    }
  }
  const analysis::ResourceExpr outside_old =
      analysis::ResourceExpr::Not(analysis::ResourceExpr::And(old_allowed));
  for (const analysis::GrantPath& path : new_group.model.paths) {
    const analysis::ResourceExpr new_path = analysis::PathResources(new_setup, path);
    if (algebra.Satisfiable(analysis::ResourceExpr::And({new_path, outside_old})) !=
        analysis::Tri::kYes) {
      continue;
    }
    result.change = ActionChange::kWiderResources;
    bool listed = false;
    for (const analysis::Requirement& requirement : path.requirements) {
      for (uint32_t t : requirement.terms) {
        const analysis::ResourceClause& clause = new_setup.fact(t).resources;
        if (clause.kind != analysis::ResourceClause::Kind::kListed) continue;
        for (size_t i = 0; i < clause.values.size(); ++i) {
          if (algebra.Satisfiable(analysis::ResourceExpr::And(
                  {analysis::ResourceExpr::Holds(clause, static_cast<int>(i)), new_path,
                   outside_old})) == analysis::Tri::kYes) {
            result.new_resources.push_back(clause.values[i]);
            listed = true;
          }
        }
      }
    }
    if (!listed) result.new_resources.push_back("*");
  }
  std::sort(result.new_resources.begin(), result.new_resources.end());
  result.new_resources.erase(
      std::unique(result.new_resources.begin(), result.new_resources.end()),
      result.new_resources.end());
}

PairResult SetDiff::Analyze(ActionId representative, const analysis::SimplifiedAction& old_group,
                            const analysis::SimplifiedAction& new_group, int universe) {
  PairResult result;
  result.universe = universe;
  // NEW grants nothing, or OLD grants everything: nothing new.
  if (new_group.model.paths.empty()) return result;
  if (old_group.summary.status == EffectiveStatus::kAllowed) return result;
  const bool shared = frame_.old_principal == frame_.new_principal &&
                      frame_.old_parent_arn == frame_.new_parent_arn;
  analysis::DiffVocabulary vocabulary(universe >= 0 ? &universes_->universe(universe) : nullptr,
                                      shared);
  const analysis::SideFormula old_side = vocabulary.Build(*old_->setup, old_group.model, 0);
  const analysis::SideFormula new_side = vocabulary.Build(*new_->setup, new_group.model, 1);
  if (analysis::SyntacticallyNoWider(old_side, new_side)) return result;
  analysis::PairSearchLimits limits;
  limits.max_atoms = options_.max_opaque_atoms;
  const analysis::PairSearch search =
      analysis::SearchNewAccess(vocabulary, old_side, new_side, limits, meets_);
  switch (search.verdict) {
    case analysis::PairSearch::Verdict::kNoNewAccess:
      return result;
    case analysis::PairSearch::Verdict::kUnknown:
      result.kind = PairResult::Kind::kMaybe;
      result.reason = search.reason;
      return result;
    case analysis::PairSearch::Verdict::kCandidates:
      break;
  }
  for (const analysis::PairCandidate& candidate : search.candidates) {
    if (Verify(vocabulary, new_side, candidate, representative, universe, result)) {
      Classify(old_group, new_group, universe, result);
      return result;
    }
  }
  result.kind = PairResult::Kind::kMaybe;
  result.reason =
      "some combination of conditions would let NEW allow where OLD does not, but no request "
      "context realizing it was found (conditions are compared as written, not by meaning)";
  return result;
}

absl::Status SetDiff::Run() {
  const std::string& new_principal = subject_.principal;
  const std::string old_principal =
      options_.old_principal.empty() ? new_principal : options_.old_principal;
  const std::string old_parent = options_.old_principal.empty()
                                     ? subject_.parent_arn
                                     : options_.old_principal_parent_arn;
  const std::optional<internal::CallerPrincipal> caller =
      internal::ParseCallerPrincipal(new_principal, subject_.parent_arn);
  if (!caller) {
    return absl::InvalidArgumentError("`" + new_principal + "` is not a principal");
  }
  partition_ = std::string(caller->partition);
  universes_ = std::make_unique<analysis::UniverseTable>(catalog_, partition_);
  algebras_ = std::make_unique<analysis::AlgebraPool>(*universes_);

  EffectiveOptions new_options = subject_.options;
  new_options.principal_parent_arn = subject_.parent_arn;
  EffectiveOptions old_options = subject_.options;
  old_options.principal_parent_arn = old_parent;
  absl::StatusOr<analysis::EffectiveAnalysis> old_analysis = analysis::AnalyzeEffective(
      subject_.old_set, old_principal, old_options, catalog_, *universes_, *algebras_);
  if (!old_analysis.ok()) return old_analysis.status();
  absl::StatusOr<analysis::EffectiveAnalysis> new_analysis = analysis::AnalyzeEffective(
      subject_.new_set, new_principal, new_options, catalog_, *universes_, *algebras_);
  if (!new_analysis.ok()) return new_analysis.status();
  old_.emplace(*std::move(old_analysis));
  new_.emplace(*std::move(new_analysis));

  frame_.resource_account = new_->setup->resource_account;
  frame_.old_principal = old_principal;
  frame_.old_parent_arn = old_parent;
  frame_.new_principal = new_principal;
  frame_.new_parent_arn = subject_.parent_arn;
  frame_.evaluator = subject_.options.evaluator;
  absl::StatusOr<analysis::DiffVerifier> verifier = analysis::DiffVerifier::Create(
      subject_.old_set, subject_.new_set, frame_, subject_.options, catalog_);
  if (!verifier.ok()) return verifier.status();
  verifier_.emplace(*std::move(verifier));
  out_.principals.push_back(new_principal);

  std::map<std::tuple<uint32_t, uint32_t, int>, PairResult> pairs;
  for (ActionId a = 0; a < catalog_.action_count(); ++a) {
    const uint32_t old_g = old_->grouping.group_of[a];
    const uint32_t new_g = new_->grouping.group_of[a];
    const int new_u = new_->grouping.groups[new_g].universe;
    const int universe = new_u >= 0 ? new_u : old_->grouping.groups[old_g].universe;
    auto key = std::make_tuple(old_g, new_g, universe);
    auto it = pairs.find(key);
    if (it == pairs.end()) {
      it = pairs.emplace(key, Analyze(a, old_->groups[old_g], new_->groups[new_g], universe))
               .first;
    }
    PairResult& pair = it->second;
    if (pair.kind == PairResult::Kind::kNone) continue;

    ActionDiff change;
    change.action = a;
    change.name = catalog_.ActionName(a);
    change.principal = new_principal;
    if (pair.kind == PairResult::Kind::kProven) {
      // Every action is confirmed on its own request, not only the pair's first one.
      const RequestContext context = analysis::ToRequestContext(pair.context);
      Decision old_decision = Decision::kImplicitDeny;
      std::string resource;
      if (ConfirmAction(a, pair, context, resource, old_decision)) {
        change.change = pair.change;
        change.new_resources = pair.new_resources;
        change.example_resource = resource;
        change.example_context = pair.context;
        if (!pair.example_listed && out_.counterexamples.size() < options_.max_counterexamples) {
          NewAccessExample example;
          example.principal = new_principal;
          if (old_principal != new_principal) example.old_principal = old_principal;
          example.action = change.name;
          example.resource = resource;
          example.context = pair.context;
          example.old_decision = old_decision;
          example.resource_account = frame_.resource_account;
          example.principal_parent_arn = frame_.new_parent_arn;
          example.old_principal_parent_arn = frame_.old_parent_arn;
          example.principal_in_management_account =
              subject_.options.principal_in_management_account;
          example.resource_in_management_account = subject_.options.resource_in_management_account;
          out_.counterexamples.push_back(std::move(example));
          pair.example_listed = true;
        }
        if (pair.change == ActionChange::kNewlyAllowed) {
          out_.newly_allowed.Insert(a);
        } else {
          out_.widened.Insert(a);
        }
      } else {
        change.change = ActionChange::kMayBeWider;
        change.reason = "the example found for actions decided alike was not confirmed for this one";
        out_.maybe_widened.Insert(a);
      }
    } else {
      change.change = ActionChange::kMayBeWider;
      change.reason = pair.reason;
      out_.maybe_widened.Insert(a);
    }
    out_.changes.push_back(std::move(change));
  }
  return absl::OkStatus();
}

// Verdict, names and notes once every subject has been diffed.
void Finish(const Catalog& catalog, PolicyDiff& diff) {
  for (ActionId id : diff.newly_allowed.Ids()) diff.newly_allowed_names.push_back(catalog.ActionName(id));
  std::stable_sort(diff.changes.begin(), diff.changes.end(),
                   [](const ActionDiff& a, const ActionDiff& b) { return a.action < b.action; });
  if (!diff.newly_allowed.Empty() || !diff.widened.Empty()) {
    diff.verdict = DiffVerdict::kNewAccess;
  } else if (!diff.maybe_widened.Empty()) {
    diff.verdict = DiffVerdict::kMayGrantNewAccess;
  } else {
    diff.verdict = DiffVerdict::kNoNewAccess;
  }
  if (!diff.maybe_widened.Empty()) {
    diff.notes.push_back(std::to_string(diff.maybe_widened.Count()) +
                         " action(s) could neither be proven to grant new access nor proven not "
                         "to: see the changes marked may-be-wider");
  }
}

PolicyDiff EmptyDiff(const Catalog& catalog) {
  PolicyDiff diff;
  diff.newly_allowed = catalog.EmptySet();
  diff.widened = catalog.EmptySet();
  diff.maybe_widened = catalog.EmptySet();
  return diff;
}

}  // namespace

absl::StatusOr<PolicyDiff> CheckNoNewAccess(const PolicySet& old_policies,
                                            const PolicySet& new_policies,
                                            std::string_view principal,
                                            const DiffOptions& options, const Catalog& catalog) {
  analysis::DiffSubject subject;
  subject.principal = std::string(principal);
  subject.parent_arn = options.effective.principal_parent_arn;
  subject.old_set = old_policies;
  subject.new_set = new_policies;
  subject.options = options.effective;
  PolicyDiff diff = EmptyDiff(catalog);
  absl::Status status = SetDiff(subject, options, catalog, diff).Run();
  if (!status.ok()) return status;
  Finish(catalog, diff);
  return diff;
}

absl::StatusOr<PolicyDiff> CheckNoNewAccess(const NamedPolicy& old_policy,
                                            const NamedPolicy& new_policy,
                                            const DiffOptions& options, const Catalog& catalog) {
  absl::StatusOr<std::vector<analysis::DiffSubject>> subjects =
      analysis::SubjectsForPolicies(old_policy, new_policy, options);
  if (!subjects.ok()) return subjects.status();
  PolicyDiff diff = EmptyDiff(catalog);
  DiffOptions per_subject = options;
  per_subject.old_principal.clear();  // both sides decide for the same caller
  for (const analysis::DiffSubject& subject : *subjects) {
    absl::Status status = SetDiff(subject, per_subject, catalog, diff).Run();
    if (!status.ok()) return status;
  }
  Finish(catalog, diff);
  return diff;
}

}  // namespace iameval
