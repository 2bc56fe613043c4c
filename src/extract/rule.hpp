// The clause rules' shared parts (rules.cpp, rules_statement.cpp): the
// clause being read, a rule's outcome, the rule tables' entry types and the
// helpers several rules use.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "extract/clause.hpp"
#include "extract/grammar.hpp"
#include "extract/scan.hpp"

namespace healthplan::v0::detail::extract::rules {

// The clause being read and what its rules have learnt so far.
struct Clause {
    ScanState& st;
    Range c;
    const Frame& frame;
    Carry& carry;
    std::string_view s;
    std::size_t p = 0;  // where the statement starts (moves past an opening year)
    bool soft = false;
    std::vector<Reference> refs;  // the last reference phrase, for a change verb
    std::size_t ref_b = 0, ref_e = 0;
    const ExtractLimits& limits() const { return st.limits; }
};

// The paragraph's hits (tokens.hpp) when the rules may walk them instead of the
// clause's bytes, else null (the pre-filter switched off for the equivalence
// test: the rules walk every character, as they always did).
const Tokens* clause_hits(const Clause& cl);

// Walks the positions in [b, e) where a hit of class `cls` starts — or, without
// hits, every character: `for (q = w.first(); q < e; q = w.next(q))`. A rule that
// acts only where a digit or a word of its lexicon starts (every one is a hit)
// visits the few positions the tokenizer found instead of every character, and
// its loop body is unchanged. The body must not move q.
class HitWalk {
  public:
    HitWalk(const Clause& cl, std::uint16_t cls, std::size_t b, std::size_t e)
        : s_(cl.s), b_(b), e_(e), cls_(cls), tk_(clause_hits(cl)) {
        if (tk_) h_ = tk_->first_hit(b);
    }
    std::size_t first() { return tk_ ? skip() : b_; }
    std::size_t next(std::size_t q) {
        if (!tk_) return next_cp(s_, q);
        ++h_;
        return skip();
    }

  private:
    std::size_t skip() {
        while (h_ != tk_->hits_end() && h_->pos < e_ && !(h_->classes & cls_)) ++h_;
        return h_ != tk_->hits_end() && h_->pos < e_ ? h_->pos : e_;
    }
    std::string_view s_;
    std::size_t b_, e_;
    std::uint16_t cls_;
    const Tokens* tk_;
    const Hit* h_ = nullptr;
};

// pass: the rule does not apply, the next is tried; done: the clause is read
// (with or without targets: some rules recognise a clause they then reject).
enum class Outcome { pass, done };

// "A 99.93%以上、B达96%": emits the verbless items before a statement's name; where it starts.
std::size_t leading_verbless_items(Clause& cl, Range name);
// Emits a statement and renames its targets (rules that compose the name).
void emit_named(Clause& cl, Emit& em, const std::string& name);
// "应急处置能力达到省内领先水平": a capability's level is an aim.
bool aim_like(std::string_view name);
// "下降不少于0.5个百分点" on a line of its own: a verb alone is never a name.
bool verb_only(std::string_view name);

// First characters of the words a scan looks for: one table lookup per
// character skips the word comparisons at almost every position.
struct Starts {
    std::vector<bool> bits = std::vector<bool>(0x10000);
    void add(std::string_view w) {
        char32_t c = cp_at(w, 0);
        if (c < 0x10000) bits[c] = true;
    }
    bool has(std::string_view s, std::size_t i) const {
        char32_t c = cp_at(s, i);
        return c < 0x10000 && bits[c];
    }
};

template <std::size_t N>
std::size_t word_at(std::string_view s, std::size_t i, const std::array<std::string_view, N>& words) {
    for (auto w : words)
        if (at(s, i, w)) return w.size();
    return 0;
}

// The statement scan (rules_statement.cpp): every position where a statement
// word starts, each tried with the statement rules in order.
Outcome statements(Clause& cl);
// The statement rules' and verb forms' names and examples, in order.
std::vector<RuleInfo> statement_rule_infos();

}  // namespace healthplan::v0::detail::extract::rules
