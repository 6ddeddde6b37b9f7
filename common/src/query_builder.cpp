#include "query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include "accent_forms.hpp"
#include "corpus_types.hpp"
#include "date_range_processor.hpp"
#include "document_builder.hpp"
#include "newsdex/entities.hpp"
#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"
#include "languages.hpp"
#include "query_syntax.hpp"
#include "ranking.hpp"

namespace newsdex::detail {

namespace {

/// Folds the value of a boolean field the way the indexer folded it.
class FoldedFilter : public Xapian::FieldProcessor {
  public:
    explicit FoldedFilter(std::string prefix) : prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(filter_term(prefix_, value));
    }

  private:
    std::string prefix_;
};

/// lang:zh matches zh and every tag it is the start of (zh-Hans, zh-Hant-TW),
/// as a BCP 47 language range does; lang:zh-Hans matches zh-Hans and below.
class LanguageFilter : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& value) override {
        const std::string exact = filter_term(schema::prefix_lang, value);
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(exact),
                             Xapian::Query(Xapian::Query::OP_WILDCARD, exact + "-"));
    }
};

/// person:, place:, org: resolve aliases ("putin" -> "Vladimir Putin") first, and also match
/// the names the archive's articles gave the entity: person:volcker finds the articles about
/// Paul Volcker (his surname is an alias term of theirs), org:ec those where the European
/// Community was also written EC. A name the archive tags as several types is filed under the
/// type most of its articles gave it (corpus_types.hpp), as facets file it: org:"goldman sachs"
/// also finds the articles that tagged it a person, and person:"goldman sachs" none of them.
class EntityFilter : public Xapian::FieldProcessor {
  public:
    EntityFilter(EntityType type, const Xapian::Database& db) : type_(type), db_(db) {}
    Xapian::Query operator()(const std::string& value) override {
        std::string canonical = EntityExtractor::builtin().canonicalise(type_, value);
        const Xapian::Query name = filed_name(canonical);
        // A full name typed as written ("nancy pelosi") is its own canonical form: surnames
        // are single words, so only a one-word value or another spelling needs alias terms.
        if (value.find(' ') != std::string::npos && fold_filter_value(value) == fold_filter_value(canonical)) return name;
        const Xapian::Query alias(filter_term(schema::entity_alias_prefix(type_), value));
        return Xapian::Query(Xapian::Query::OP_OR, name, alias);
    }

  private:
    /// The canonical name's terms of every type the archive's vote files under type_
    /// (just type_'s term when no other type has the name, the usual case).
    Xapian::Query filed_name(const std::string& canonical) const {
        const TypeVotes votes = type_votes(db_, canonical);
        std::vector<Xapian::Query> terms;
        for (unsigned t = 0; t < votes.size(); ++t) {
            const auto tagged = static_cast<EntityType>(t);
            // type_'s own term stays when no article has it, so the query keeps its form.
            const bool filed_here = votes[t] > 0 ? corpus_type(tagged, votes) == type_ : tagged == type_;
            if (filed_here) terms.emplace_back(filter_term(schema::entity_prefix(tagged), canonical));
        }
        if (terms.empty()) {
            // Filed under another type: nothing of this type. Not MatchNothing, which the
            // parser's caller reads as a query without words.
            const Xapian::Query own(filter_term(schema::entity_prefix(type_), canonical));
            return Xapian::Query(Xapian::Query::OP_AND_NOT, own, own);
        }
        if (terms.size() == 1) return terms.front();
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }

    EntityType type_;
    Xapian::Database db_;
};

/// Ids are matched exactly as given (they are case-sensitive keys).
class IdFilter : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(id_term(value)); }
};

/// Xapian's parse_query() silently parses again with every flag off when its
/// grammar fails ("oil NEAR -gas" becomes the words "oil near gas"). That
/// retry is recognisable: a query whose operators, "-", quotes or '*' should
/// change its meaning parses to the very query the flag-less parse gives.
void throw_if_reparsed(Xapian::QueryParser& qp, const Xapian::Query& result, const std::string& prepared,
                       const std::string& query) {
    if (!has_operator_syntax(query) || result.empty()) return;
    try {
        if (qp.parse_query(prepared, 0).get_description() != result.get_description()) return;
    } catch (const Xapian::QueryParserError&) {
        return;
    }
    throw QueryError(query, "this combination of operators cannot be parsed (check +, -, NOT, NEAR and "
                            "brackets; to exclude a word from every article write NOT word)");
}

}  // namespace

QueryBuilder::QueryBuilder(const Analyzer& analyzer, const Xapian::Database& db, std::int64_t now)
    : analyzer_(analyzer), db_(db), now_(now), has_cross_script_keys_(index_has_cross_script_keys(db)) {}

/// The query-language parser with @p stem_language's stemmer ("" = none): fields
/// from the schema, operators, phrases, wildcards, dates.
Xapian::Query QueryBuilder::parse_prepared(const std::string& prepared, const std::string& original,
                                           const std::string& stem_language, DefaultOperator op) const {
    Xapian::QueryParser qp;
    qp.set_database(db_);
    if (!stem_language.empty()) {
        qp.set_stemmer(make_stemmer(stem_language));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    } else {
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    qp.set_default_op(op == DefaultOperator::all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    qp.set_max_expansion(max_wildcard_expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const schema::Field& field : schema::fields) {
        const std::string name(field.name);
        const std::string prefix(field.prefix);
        if (field.kind == schema::FieldKind::free_text) {
            qp.add_prefix(name, prefix);
        } else if (field.kind != schema::FieldKind::boolean) {
            continue;  // date: (the one range field) below; internal fields are no query fields
        } else if (field.prefix == schema::prefix_id) {
            qp.add_boolean_prefix(name, (new IdFilter)->release());
        } else if (field.prefix == schema::prefix_lang) {
            qp.add_boolean_prefix(name, (new LanguageFilter)->release());
        } else if (auto type = schema::entity_type_from_name(name)) {
            // Several filters of one type AND together (an article about both people).
            qp.add_boolean_prefix(name, (new EntityFilter(*type, db_))->release(), false);
        } else {
            qp.add_boolean_prefix(name, (new FoldedFilter(prefix))->release());
        }
    }
    if (cross_script_words_ && !cross_script_words_->empty()) {
        qp.add_prefix(std::string(cross_script_field), (new CrossScriptField(*cross_script_words_, stem_language))->release());
    }
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    auto date_errors = add_date_field(qp, now_);
    Xapian::Query query;
    try {
        query = qp.parse_query(prepared, flags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(original, "cannot parse query: " + e.get_msg());
    } catch (const Xapian::WildcardError& e) {
        throw QueryError(original, "wildcard matches too many terms: " + e.get_msg());
    }
    date_errors->throw_if_any(original);
    throw_if_reparsed(qp, query, prepared, original);
    return query;
}

/// The language of a Latin-script query whose stopwords name one of the index's
/// languages ("la greve des cheminots": French), "" if none does.
std::string QueryBuilder::language_of_stopwords_among(const std::string& prepared,
                                                      const std::vector<StemmingGroup>& groups) const {
    std::vector<std::string> words;
    for (const Token& token : analyzer_.tokenize(prepared)) words.push_back(token.term);
    const std::string guess = language_of_stopwords(words);
    if (guess.empty()) return {};
    const std::string stemmer = snowball_language(guess);
    for (const StemmingGroup& group : groups) {
        if (group.stemmer == stemmer) return guess;
    }
    return {};
}

std::vector<StemmingGroup> QueryBuilder::index_stemming_groups() const {
    std::vector<std::string> tags;
    const std::string prefix(schema::prefix_lang);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) tags.push_back((*t).substr(prefix.size()));
    return stemming_groups(tags, analyzer_.settings().default_language);
}

std::vector<LanguageBranch> QueryBuilder::across_languages(
    const std::vector<StemmingGroup>& groups, const std::string& preferred,
    const std::function<Xapian::Query(const StemmingGroup&)>& parse) const {
    // Languages whose stemmer reads the query the same way share one branch
    // (names, numbers, most short queries): the same query, a wider filter.
    std::vector<LanguageBranch> branches;
    std::vector<std::string> descriptions;
    const std::string preferred_stemmer = snowball_language(preferred);
    for (const StemmingGroup& group : groups) {
        Xapian::Query query = parse(group);
        std::string description = query.get_description();
        auto same = std::find(descriptions.begin(), descriptions.end(), description);
        LanguageBranch* branch = nullptr;
        if (same == descriptions.end()) {
            descriptions.push_back(std::move(description));
            branches.push_back(LanguageBranch{std::move(query), {}, false, other_language_weight});
            branch = &branches.back();
        } else {
            branch = &branches[static_cast<std::size_t>(same - descriptions.begin())];
        }
        for (const std::string& tag : group.tags) branch->lang_terms.push_back(std::string(schema::prefix_lang) + tag);
        branch->holds_default = branch->holds_default || group.holds_default;
        if (group.stemmer == preferred_stemmer) branch->weight = 1;
    }
    return branches;
}

namespace {

/// OR of the branches, each filtered to its articles and weighed.
Xapian::Query combine_branches(const std::vector<LanguageBranch>& branches) {
    if (branches.size() == 1) return branches[0].query;
    std::vector<std::string> other_terms;  // what the default branch excludes
    for (const LanguageBranch& b : branches) {
        if (!b.holds_default) other_terms.insert(other_terms.end(), b.lang_terms.begin(), b.lang_terms.end());
    }
    std::vector<Xapian::Query> parts;
    for (const LanguageBranch& b : branches) {
        Xapian::Query articles;
        if (b.holds_default) {  // also the articles without a lang (indexed in the default language)
            Xapian::Query others(Xapian::Query::OP_OR, other_terms.begin(), other_terms.end());
            articles = Xapian::Query(Xapian::Query::OP_AND_NOT, b.query, others);
        } else {
            Xapian::Query langs(Xapian::Query::OP_OR, b.lang_terms.begin(), b.lang_terms.end());
            articles = Xapian::Query(Xapian::Query::OP_FILTER, b.query, langs);
        }
        parts.push_back(b.weight == 1 ? articles : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, articles, b.weight));
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

const LanguageBranch* branch_of(const std::vector<LanguageBranch>& branches, std::string_view article_language) {
    const std::string term = article_language.empty() ? std::string() : filter_term(schema::prefix_lang, article_language);
    const LanguageBranch* fallback = nullptr;
    for (const LanguageBranch& b : branches) {
        if (!term.empty() && std::find(b.lang_terms.begin(), b.lang_terms.end(), term) != b.lang_terms.end()) return &b;
        if (b.holds_default) fallback = &b;
    }
    return fallback;
}

ParsedQuery QueryBuilder::parse(const std::string& original, const std::string& language, DefaultOperator op) const {
    // "kursk or belgorod" -> "kursk OR belgorod" (see query_syntax.hpp for the rule).
    const std::string normalised = normalise_operators(original);
    validate_query_syntax(normalised);
    validate_operators(normalised);
    validate_wildcards(normalised);
    // "-oil -gas" excludes from every article: "NOT oil NOT gas" (query_syntax.hpp).
    const std::string query = exclusions_as_not(normalised, [&](std::string_view text) {
        return !analyzer_.tokenize(text).empty();
    });
    ParsedQuery parsed;
    std::string lang = language;
    // lang:fr asks for French articles: stem the query the French way too.
    if (lang.empty() && !Analyzer::stemmer_language(query_language_field(query)).empty()) {
        lang = query_language_field(query);
    }
    const bool chosen = !lang.empty();  // by --lang or lang:: one stemmer for every article
    if (lang.empty()) lang = language_of_script(query);
    const std::string analysed = analyzer_.prepare_query(query);
    // Names in other scripts: "Kursk" also finds "Курске", "Курск" also "Kursk".
    std::vector<CrossScriptWord> cross_script_words;
    const std::string prepared =
        with_cross_script_words(analyzer_, db_, has_cross_script_keys_, analysed, cross_script_words);
    cross_script_words_ = &cross_script_words;
    // It points into this call's stack: cleared on every way out, throws included.
    struct ClearOnExit {
        const std::vector<CrossScriptWord>*& words;
        ~ClearOnExit() { words = nullptr; }
    } clear_on_exit{cross_script_words_};
    std::vector<StemmingGroup> groups;
    if (!chosen && analyzer_.settings().stem) groups = index_stemming_groups();
    if (lang.empty() && groups.size() > 1) lang = language_of_stopwords_among(prepared, groups);
    // An index of one stemmer: its articles' stems are what there is to match.
    if (groups.size() == 1) lang = groups[0].tag;
    if (lang.empty()) lang = analyzer_.settings().default_language;
    parsed.language = lang;
    parsed.stem_language = analyzer_.settings().stem ? Analyzer::stemmer_language(lang) : std::string();
    // The query as typed, in its own language: what its limits are checked on.
    const Xapian::Query own = parse_prepared(prepared, original, parsed.stem_language, op);
    if (own.empty()) throw QueryError(original, "nothing to search for (no words in the query)");
    // Xapian's matcher grows worse than linearly with the number of terms
    // (10,000 ORed terms take half a minute): refuse what no person types.
    std::size_t terms = 0;
    for (auto t = own.get_unique_terms_begin(); t != own.get_unique_terms_end(); ++t) {
        if (++terms > max_query_terms) {
            throw QueryError(original, "query too long: more than " + std::to_string(max_query_terms) + " terms");
        }
    }
    if (groups.size() <= 1) {
        parsed.query = own;
    } else {
        // No language given: each article is matched by the query stemmed in its own language.
        parsed.branches = across_languages(groups, lang, [&](const StemmingGroup& group) {
            return group.stemmer == parsed.stem_language ? own : parse_prepared(prepared, original, group.stemmer, op);
        });
        parsed.query = combine_branches(parsed.branches);
        if (parsed.branches.size() == 1) parsed.branches.clear();
    }
    // "grève" ranks the articles that write it so above those with "greve".
    parsed.query = with_accent_forms(parsed.query, analyzer_, db_, query, false);
    // Wildcards are expanded lazily by Xapian; remember the patterns so the
    // highlighter can mark the words they matched.
    for (std::size_t star = prepared.find('*'); star != std::string::npos; star = prepared.find('*', star + 1)) {
        std::size_t begin = star;
        while (begin > 0 && prepared[begin - 1] != ' ' && prepared[begin - 1] != '"' && prepared[begin - 1] != '(' &&
               prepared[begin - 1] != ':' && prepared[begin - 1] != '+' && prepared[begin - 1] != '-') {
            --begin;
        }
        if (begin < star) {
            std::string pattern = prepared.substr(begin, star - begin);
            for (char& c : pattern) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            parsed.wildcard_prefixes.push_back(pattern);
        }
    }
    // Each wildcard may expand to max_wildcard_expansion terms: 200 of them
    // ORed take 15 s. Refuse before matching.
    if (parsed.wildcard_prefixes.size() > max_query_wildcards) {
        throw QueryError(query, "too many wildcards: " + std::to_string(parsed.wildcard_prefixes.size()) +
                                    " (at most " + std::to_string(max_query_wildcards) + ")");
    }
    return parsed;
}

ParsedQuery QueryBuilder::parse_natural(const std::string& text, const std::string& language) const {
    ParsedQuery parsed;
    std::vector<Token> tokens = analyzer_.tokenize(text);
    std::string lang = language;
    if (lang.empty()) lang = language_of_script(text);
    if (lang.empty()) {
        // A question in French drops French stopwords and stems French.
        std::vector<std::string> terms;
        for (const Token& token : tokens) terms.push_back(token.term);
        lang = language_of_stopwords(terms);
    }
    if (lang.empty()) lang = analyzer_.settings().default_language;
    std::vector<StemmingGroup> groups;
    if (language.empty() && analyzer_.settings().stem) groups = index_stemming_groups();
    // An index of one stemmer: its articles' stems are what there is to match
    // (the question's stopwords are still dropped in the question's language).
    const std::string stem_lang = groups.size() == 1 ? groups[0].tag : lang;
    parsed.language = lang;
    parsed.stem_language = analyzer_.settings().stem ? Analyzer::stemmer_language(stem_lang) : std::string();
    // The index holds a Z term for every word (its stem, or the word itself
    // where there is no stemmer), so stems match whatever the query's case.
    std::vector<std::vector<std::string>> cross_script(tokens.size());  // per token, its names in other scripts
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        cross_script[i] = cross_script_alternatives(analyzer_, db_, has_cross_script_keys_, tokens[i].term);
    }
    auto leaves = [&](bool drop_stopwords, const std::string& stem_tag) {
        std::vector<Xapian::Query> out;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const Token& token = tokens[i];
            if (token.term.size() > analyzer_.settings().max_word_bytes) continue;
            if (drop_stopwords && is_stopword(token.term, lang)) continue;
            std::string term = std::string(schema::prefix_stem) + analyzer_.stem(token.term, stem_tag);
            out.push_back(with_cross_script_alternatives(Xapian::Query(term, 1, token.position), cross_script[i]));
        }
        return out;
    };
    const bool drop_stopwords = !leaves(true, lang).empty();  // not "to be or not to be", "The Who"
    auto words_in = [&](const std::string& stem_tag) {
        std::vector<Xapian::Query> words = leaves(drop_stopwords, stem_tag);
        return Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end());
    };
    const Xapian::Query own = words_in(stem_lang);
    for (const Token& token : tokens) {
        if (token.term.size() > analyzer_.settings().max_word_bytes) continue;
        if (drop_stopwords && is_stopword(token.term, lang)) continue;
        parsed.words.push_back(token.term);
    }
    if (groups.size() <= 1) {
        parsed.query = own;
    } else {
        // Each article is matched by the words stemmed in its own language.
        parsed.branches = across_languages(groups, lang, [&](const StemmingGroup& group) {
            return group.stemmer == parsed.stem_language ? own : words_in(group.tag);
        });
        parsed.query = combine_branches(parsed.branches);
        if (parsed.branches.size() == 1) parsed.branches.clear();
    }
    parsed.query = with_accent_forms(parsed.query, analyzer_, db_, text, true);
    return parsed;
}

}  // namespace newsdex::detail
