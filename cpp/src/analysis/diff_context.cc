// File: diff_context.cc
#include "analysis/diff_context.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <utility>

#include "eval/prepared_request.h"
#include "match/ascii.h"

namespace iameval::internal::analysis {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// Neighbours of a value, so that ordered and network operators can be made true or false.
void AddNeighbours(const std::string& value, std::vector<std::string>& out) {
  char* end = nullptr;
  const long long number = std::strtoll(value.c_str(), &end, 10);
  if (!value.empty() && end != nullptr && *end == '\0') {
    out.push_back(std::to_string(number - 1));
    out.push_back(std::to_string(number + 1));
  }
  if (value.size() >= 4 && IsAsciiDigit(value[0]) && value.find('-') != std::string::npos) {
    out.push_back("1970-01-01T00:00:00Z");
    out.push_back("2999-12-31T23:59:59Z");
  }
  const size_t slash = value.find('/');
  if (slash != std::string::npos &&
      (value.find('.') != std::string::npos || value.find(':') != std::string::npos)) {
    out.push_back(value.substr(0, slash));
  }
}

struct Candidate {
  bool present = false;
  bool list = false;
  std::vector<std::string> values;
};

std::vector<Candidate> CandidatesFor(const std::vector<const OpaqueAtom*>& atoms,
                                     const VariableResolver& resolver) {
  std::vector<std::string> base;
  for (const OpaqueAtom* atom : atoms) {
    for (const LocatedString& v : atom->condition->source().values) {
      const std::string rendered = RenderVariables(v.value, resolver);
      base.push_back(FillWildcards(rendered, "iameval"));
      base.push_back(FillWildcards(rendered, ""));
      base.push_back(rendered);
      AddNeighbours(rendered, base);
    }
  }
  for (const char* generic : {"true", "false", "iameval-other", "0", "203.0.113.7",
                              "2001:db8::7", "arn:aws:iam::999999999999:user/iameval"}) {
    base.push_back(generic);
  }
  std::set<std::string> seen;
  std::vector<std::string> unique;
  for (std::string& b : base) {
    if (seen.insert(b).second) unique.push_back(std::move(b));
  }
  std::vector<Candidate> out;
  out.push_back(Candidate{});  // absent
  for (const std::string& v : unique) out.push_back(Candidate{true, false, {v}});
  for (const std::string& v : unique) out.push_back(Candidate{true, true, {v}});
  for (const std::string& v : unique) {
    if (v != "iameval-other") out.push_back(Candidate{true, true, {v, "iameval-other"}});
  }
  out.push_back(Candidate{true, true, {}});
  return out;
}

// Evaluates one condition atom under `context` for the side it belongs to.
bool Evaluate(const OpaqueAtom& atom, const RequestFrame& frame, const RequestContext& context,
              const Catalog& catalog) {
  const Request request = frame.ForSide(/*old_side=*/atom.side == 0, &context);
  PreparedRequest prepared;  // keeps a pointer to `request`
  if (!prepared.Prepare(request, catalog)) return false;
  const ContextValues values = prepared.Values(atom.condition->key_lower());
  return atom.condition
      ->Evaluate(prepared, values, atom.effect,
                 frame.evaluator.plain_operator_matches_any_of_multivalued)
      .result;
}

RequestContext Build(const std::vector<DiffContextEntry>& entries) {
  RequestContext context;
  for (const DiffContextEntry& e : entries) {
    if (e.multivalued) {
      context.SetList(e.key, e.values);
    } else if (!e.values.empty()) {
      context.Set(e.key, e.values.front());
    }
  }
  return context;
}

}  // namespace

std::string RenderVariables(std::string_view text, const VariableResolver& resolver) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find("${", i);
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    const std::string_view body = text.substr(open + 2, close - open - 2);
    const size_t comma = body.find(',');
    const std::string key = AsciiLowered(Trim(body.substr(0, comma)));
    std::optional<std::string_view> value = resolver.Lookup(key);
    std::string replacement;
    if (value) {
      replacement = std::string(*value);
    } else if (comma != std::string_view::npos) {
      replacement = Trim(body.substr(comma + 1));
      if (replacement.size() >= 2 && replacement.front() == '\'') {
        replacement = replacement.substr(1, replacement.size() - 2);
      }
    } else {
      replacement = std::string(text.substr(open, close - open + 1));
    }
    out.append(replacement);
    i = close + 1;
  }
  out.append(text.substr(i));
  return out;
}

RequestContext ToRequestContext(const std::vector<DiffContextEntry>& entries) {
  return Build(entries);
}

bool SynthesizeContext(const DiffVocabulary& vocabulary, const std::vector<uint32_t>& live,
                       const std::vector<uint8_t>& atoms, const RequestFrame& frame,
                       const Catalog& catalog, std::vector<DiffContextEntry>& entries) {
  entries.clear();
  const std::vector<OpaqueAtom>& all = vocabulary.atoms();
  // The live condition atoms by key, and every condition atom by key (more candidates).
  std::map<std::string, std::vector<uint32_t>> constrained;
  std::map<std::string, std::vector<const OpaqueAtom*>> by_key;
  for (const OpaqueAtom& atom : all) {
    if (atom.kind == OpaqueAtom::Kind::kCondition) {
      by_key[atom.condition->key_lower()].push_back(&atom);
    }
  }
  for (uint32_t a : live) {
    if (all[a].kind == OpaqueAtom::Kind::kCondition) {
      constrained[all[a].condition->key_lower()].push_back(a);
    }
  }
  // Variables in candidate values are rendered with the new side's derived values.
  const Request base = frame.ForSide(/*old_side=*/false);
  PreparedRequest resolver;  // keeps a pointer to `base`
  if (!resolver.Prepare(base, catalog)) return false;

  for (const auto& [key, atom_ids] : constrained) {
    bool satisfied = false;
    const std::string& written = all[atom_ids.front()].condition->source().key.value;
    for (const Candidate& candidate : CandidatesFor(by_key[key], resolver)) {
      std::vector<DiffContextEntry> trial = entries;
      if (candidate.present) trial.push_back({written, candidate.values, candidate.list});
      const RequestContext context = Build(trial);
      const bool all_match = std::all_of(atom_ids.begin(), atom_ids.end(), [&](uint32_t a) {
        return Evaluate(all[a], frame, context, catalog) == (atoms[a] != 0);
      });
      if (all_match) {
        entries = std::move(trial);
        satisfied = true;
        break;
      }
    }
    if (!satisfied) return false;
  }
  // Later keys can change earlier conditions (policy variables read other keys): recheck.
  const RequestContext context = Build(entries);
  for (uint32_t a : live) {
    if (all[a].kind == OpaqueAtom::Kind::kCondition &&
        Evaluate(all[a], frame, context, catalog) != (atoms[a] != 0)) {
      return false;
    }
  }
  return true;
}

std::string FillWildcards(std::string_view text, std::string_view star) {
  std::string out;
  for (char c : text) {
    if (c == '*') {
      out.append(star);
    } else if (c == '?') {
      out.push_back('x');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace iameval::internal::analysis
