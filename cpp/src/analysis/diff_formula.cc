// File: diff_formula.cc
#include "analysis/diff_formula.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "match/ascii.h"

namespace iameval::internal::analysis {
namespace {

// Keys the evaluator derives from the principal (eval/prepared_request.cc): a condition on
// them means something else for another principal.
bool ReadsPrincipal(const Condition& condition) {
  static const char* const kDerived[] = {"aws:principalarn", "aws:principalaccount",
                                         "aws:username", "aws:userid", "aws:principaltype",
                                         "aws:principalisawsservice",
                                         "aws:principalservicename"};
  const std::string key = AsciiLowered(condition.key.value);
  for (const char* derived : kDerived) {
    if (key == derived) return true;
  }
  for (const LocatedString& value : condition.values) {
    if (value.value.find("${") != std::string::npos) return true;
  }
  return false;
}

bool SubstitutesVariables(const StatementFacts& fact) {
  return fact.policy != nullptr && fact.policy->source != nullptr &&
         fact.policy->source->version == PolicyVersion::k2012_10_17;
}

bool ValueHolds(const ValueRef& v, const AcceptSet& languages, const std::vector<uint8_t>& atoms) {
  switch (v.kind) {
    case ValueRef::Kind::kTrue:
      return true;
    case ValueRef::Kind::kFalse:
      return false;
    case ValueRef::Kind::kLanguage:
      return languages.Test(v.index);
    case ValueRef::Kind::kTemplate:
      return atoms[v.index] != 0;
  }
  return false;
}

bool TermHolds(const TermFormula& term, const AcceptSet& languages,
               const std::vector<uint8_t>& atoms) {
  if (term.clause != ResourceClause::Kind::kAny) {
    bool listed = false;
    for (const ValueRef& v : term.values) {
      if (ValueHolds(v, languages, atoms)) {
        listed = true;
        break;
      }
    }
    if (listed != (term.clause == ResourceClause::Kind::kListed)) return false;
  }
  for (uint32_t c : term.conditions) {
    if (atoms[c] == 0) return false;
  }
  return true;
}

// Whether the term's resource part can hold for the word, whatever the atoms.
bool TermPossible(const TermFormula& term, const AcceptSet& languages,
                  const std::vector<OpaqueAtom>& atoms) {
  if (term.clause == ResourceClause::Kind::kAny) return true;
  bool surely = false;
  bool maybe = false;
  for (const ValueRef& v : term.values) {
    if (v.kind == ValueRef::Kind::kTemplate) {
      maybe = maybe || languages.Test(atoms[v.index].over_language);
    } else if (ValueHolds(v, languages, {})) {
      surely = true;
    }
  }
  if (term.clause == ResourceClause::Kind::kListed) return surely || maybe;
  return !surely;
}

void AddTermAtoms(const TermFormula& term, const AcceptSet& languages,
                  const std::vector<OpaqueAtom>& atoms, std::vector<uint32_t>& out) {
  if (!TermPossible(term, languages, atoms)) return;
  for (const ValueRef& v : term.values) {
    if (v.kind == ValueRef::Kind::kTemplate && languages.Test(atoms[v.index].over_language)) {
      out.push_back(v.index);
    }
  }
  out.insert(out.end(), term.conditions.begin(), term.conditions.end());
}

}  // namespace

DiffVocabulary::DiffVocabulary(const Universe* universe, bool shared_principal)
    : universe_(universe), shared_principal_(shared_principal) {
  star_ = PatternLanguage::Of(LiteralPattern("*"));
  any_ = PatternLanguage::Universal();
  if (universe_ == nullptr) {
    languages_.push_back(&any_);
  } else if (universe_->wildcard_only) {
    languages_.push_back(&star_);
  } else {
    languages_.push_back(&universe_->language);
  }
}

std::vector<const PatternLanguage*> DiffVocabulary::universe_parts() const {
  std::vector<const PatternLanguage*> parts;
  if (universe_ == nullptr || universe_->wildcard_only) {
    parts.push_back(languages_.front());
  } else {
    for (const PatternLanguage& part : universe_->parts) parts.push_back(&part);
  }
  return parts;
}

ValueRef DiffVocabulary::Value(const ResourceClause& clause, int value, int side) {
  const auto i = static_cast<size_t>(value);
  const std::string& text = clause.values[i];
  const ResourcePatternLanguage& analyzed = clause.analyzed[i];
  if (text == "*") return {ValueRef::Kind::kTrue, 0};
  // Without an ARN universe only `*` can name the resource (or the resource parts do not
  // depend on it at all); a malformed variable never matches.
  if (analyzed.matches_nothing || universe_ == nullptr || universe_->wildcard_only) {
    return {ValueRef::Kind::kFalse, 0};
  }
  // Both sides share the evaluator options, so the substitution flag completes the text.
  const std::string flags = clause.substitute ? "v|" : "l|";
  auto language_index = [&](const std::string& key, Approximation approx) {
    auto [it, inserted] = language_of_.emplace(key, static_cast<uint32_t>(languages_.size()));
    if (inserted) {
      owned_.push_back(std::make_unique<PatternLanguage>(ArnLanguage(analyzed, approx)));
      languages_.push_back(owned_.back().get());
    }
    return it->second;
  };
  if (analyzed.exact) {
    return {ValueRef::Kind::kLanguage, language_index("exact" + flags + text, Approximation::kUnder)};
  }
  const std::string owner = shared_principal_ ? "shared" : std::to_string(side);
  const std::string key = "template|" + owner + "|" + flags + text;
  auto [it, inserted] = atom_of_.emplace(key, static_cast<uint32_t>(atoms_.size()));
  if (inserted) {
    OpaqueAtom atom;
    atom.kind = OpaqueAtom::Kind::kTemplate;
    atom.side = shared_principal_ ? -1 : side;
    atom.clause = &clause;
    atom.value = value;
    atom.over_language = language_index("over" + flags + text, Approximation::kOver);
    atoms_.push_back(atom);
  }
  return {ValueRef::Kind::kTemplate, it->second};
}

uint32_t DiffVocabulary::ConditionAtom(const CompiledCondition& condition, Effect effect,
                                   bool substitute, int side) {
  const Condition& source = condition.source();
  // Canonical text: the parsed operator, the lowercased key, the values in order of text
  // (a condition's values are OR-ed or NOR-ed: their order does not matter).
  std::vector<std::string> values;
  for (const LocatedString& v : source.values) values.push_back(v.value);
  std::sort(values.begin(), values.end());
  std::string key = substitute ? "condition|v|" : "condition|l|";
  key += std::to_string(static_cast<int>(source.op.op)) + "," +
         std::to_string(static_cast<int>(source.op.qualifier)) + "," +
         (source.op.if_exists ? "1" : "0") + "|" + condition.key_lower();
  for (const std::string& v : values) key += "|" + std::to_string(v.size()) + ":" + v;
  const bool per_side = !shared_principal_ && ReadsPrincipal(source);
  if (per_side) key += "|side" + std::to_string(side);
  auto [it, inserted] = atom_of_.emplace(key, static_cast<uint32_t>(atoms_.size()));
  if (inserted) {
    OpaqueAtom atom;
    atom.kind = OpaqueAtom::Kind::kCondition;
    atom.side = per_side ? side : -1;
    atom.condition = &condition;
    atom.effect = effect;
    atoms_.push_back(atom);
  }
  return it->second;
}

TermFormula DiffVocabulary::Term(const AnalysisSetup& setup, uint32_t statement, int side) {
  const StatementFacts& fact = setup.fact(statement);
  TermFormula term;
  term.statement = statement;
  term.clause = fact.resources.kind;
  // The formula only asks whether some value matches: the exact values of the clause form
  // one language (a union keeps the automaton small: once one value is sure to match, the
  // union is), values with policy variables stay atoms of their own.
  const ResourceClause& clause = fact.resources;
  std::vector<std::string> exact;
  for (size_t i = 0; i < clause.values.size(); ++i) {
    const ValueRef v = Value(clause, static_cast<int>(i), side);
    if (v.kind == ValueRef::Kind::kLanguage) {
      exact.push_back(clause.values[i]);
    } else {
      term.values.push_back(v);
    }
  }
  if (!exact.empty()) {
    std::sort(exact.begin(), exact.end());
    exact.erase(std::unique(exact.begin(), exact.end()), exact.end());
    std::string key = clause.substitute ? "union|v" : "union|l";
    for (const std::string& value : exact) key += "|" + std::to_string(value.size()) + ":" + value;
    auto [it, inserted] = language_of_.emplace(key, static_cast<uint32_t>(languages_.size()));
    if (inserted) {
      auto language = std::make_unique<PatternLanguage>();
      for (size_t i = 0; i < clause.values.size(); ++i) {
        const ResourcePatternLanguage& analyzed = clause.analyzed[i];
        if (analyzed.exact && !analyzed.matches_nothing && clause.values[i] != "*") {
          language->Add(ArnLanguage(analyzed, Approximation::kUnder));
        }
      }
      owned_.push_back(std::move(language));
      languages_.push_back(owned_.back().get());
    }
    term.values.push_back({ValueRef::Kind::kLanguage, it->second});
  }
  const bool substitute = SubstitutesVariables(fact);
  for (const CompiledCondition* condition : fact.conditions) {
    term.conditions.push_back(ConditionAtom(*condition, fact.effect, substitute, side));
  }
  return term;
}

SideFormula DiffVocabulary::Build(const AnalysisSetup& setup, const ActionModel& model,
                                  int side) {
  SideFormula formula;
  for (const GrantPath& path : model.paths) {
    std::vector<std::vector<TermFormula>> requirements;
    for (const Requirement& requirement : path.requirements) {
      std::vector<TermFormula> terms;
      for (uint32_t t : requirement.terms) terms.push_back(Term(setup, t, side));
      requirements.push_back(std::move(terms));
    }
    formula.paths.push_back(std::move(requirements));
  }
  for (uint32_t d : model.denials) formula.denials.push_back(Term(setup, d, side));
  return formula;
}

bool EvaluateSide(const SideFormula& side, const AcceptSet& languages,
                  const std::vector<uint8_t>& atoms) {
  for (const TermFormula& denial : side.denials) {
    if (TermHolds(denial, languages, atoms)) return false;
  }
  for (const auto& path : side.paths) {
    bool all = true;
    for (const auto& requirement : path) {
      bool any = false;
      for (const TermFormula& term : requirement) {
        if (TermHolds(term, languages, atoms)) {
          any = true;
          break;
        }
      }
      if (!any) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

namespace {

std::string TermKey(const TermFormula& term) {
  std::string key = std::to_string(static_cast<int>(term.clause)) + "[";
  for (const ValueRef& v : term.values) {
    key += std::to_string(static_cast<int>(v.kind)) + ":" + std::to_string(v.index) + ",";
  }
  key += "]{";
  std::vector<uint32_t> conditions = term.conditions;
  std::sort(conditions.begin(), conditions.end());
  for (uint32_t c : conditions) key += std::to_string(c) + ",";
  return key + "}";
}

std::string Sorted(std::vector<std::string> parts, const char* separator) {
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += p + separator;
  return out;
}

std::set<std::string> PathKeys(const SideFormula& side) {
  std::set<std::string> keys;
  for (const auto& path : side.paths) {
    std::vector<std::string> requirements;
    for (const auto& requirement : path) {
      std::vector<std::string> terms;
      for (const TermFormula& term : requirement) terms.push_back(TermKey(term));
      requirements.push_back(Sorted(std::move(terms), "|"));
    }
    keys.insert(Sorted(std::move(requirements), "&"));
  }
  return keys;
}

std::set<std::string> DenialKeys(const SideFormula& side) {
  std::set<std::string> keys;
  for (const TermFormula& term : side.denials) keys.insert(TermKey(term));
  return keys;
}

}  // namespace

bool SyntacticallyNoWider(const SideFormula& old_side, const SideFormula& new_side) {
  const std::set<std::string> old_paths = PathKeys(old_side);
  for (const std::string& path : PathKeys(new_side)) {
    if (old_paths.count(path) == 0) return false;
  }
  const std::set<std::string> new_denials = DenialKeys(new_side);
  for (const std::string& denial : DenialKeys(old_side)) {
    if (new_denials.count(denial) == 0) return false;
  }
  return true;
}

void LiveAtoms(const SideFormula& side, const AcceptSet& languages,
               const std::vector<OpaqueAtom>& atoms, std::vector<uint32_t>& out) {
  for (const TermFormula& denial : side.denials) AddTermAtoms(denial, languages, atoms, out);
  for (const auto& path : side.paths) {
    for (const auto& requirement : path) {
      for (const TermFormula& term : requirement) AddTermAtoms(term, languages, atoms, out);
    }
  }
}

}  // namespace iameval::internal::analysis
