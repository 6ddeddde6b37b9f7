/// @file request.cpp
/// RequestBuilder: search options by name from text, checked once for every front end.
#include "newsdex/request.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "facets.hpp"
#include "newsdex/dates.hpp"
#include "newsdex/schema.hpp"
#include "query_syntax.hpp"
#include "ranking.hpp"

namespace newsdex {

namespace {

using Kind = RequestFieldKind;

/// Bounds of a number field and how a message states them.
struct Bounds {
    double min;
    double max;
    bool whole;               ///< only whole numbers
    std::string_view phrase;  ///< "must be ..." when out of bounds or not a number
};

struct FieldSpec {
    RequestField field;
    Bounds bounds{0, 0, true, ""};
};

constexpr double max_doccount = 4294967295.0;  // Xapian::doccount: no deeper page exists

const std::vector<FieldSpec>& field_specs() {
    static const std::vector<FieldSpec> specs{
        {{"query", Kind::text, "the query (query language, or plain text with natural)"}},
        {{"natural", Kind::flag, "read the query as plain text: no syntax, any word may match, stopwords dropped"}},
        {{"feedback", Kind::flag, "pseudo-relevance feedback (default: on with natural)"}},
        {{"no_feedback", Kind::flag, "no pseudo-relevance feedback"}},
        {{"feedback_rounds", Kind::number, "feedback rounds, 1 to 3 (default 3)"},
         {1, static_cast<double>(detail::max_feedback_rounds), true, "must be between 1 and 3"}},
        {{"regularise", Kind::flag, "score regularisation of the top 30 (default: on with natural)"}},
        {{"no_regularise", Kind::flag, "no score regularisation"}},
        {{"rerank_strength", Kind::number, "how strongly feedback and regularisation act, 0 to 1 (default: "
                                           "predicted per query from its own ranking)"},
         {0, 1, false, "must be a number between 0 and 1"}},
        {{"limit", Kind::number, "number of hits (default 10)"}, {0, 100000, true, "must be at most 100000"}},
        {{"offset", Kind::number, "skip this many hits first (default 0)"},
         {0, max_doccount, true, "must be a whole number up to 4294967295"}},
        {{"sort", Kind::text, "relevance (default), date (oldest first) or -date (newest first)"}},
        {{"lang", Kind::text, "query language for stemming (default: from the query, else the index's)"}},
        {{"facets", Kind::list, "count values over the whole match set: facet names, comma-separated (person,place,org,...)"}},
        {{"facet_limit", Kind::number, "values per facet (default 10)"}, {0, 100000, true, "must be at most 100000"}},
        {{"related", Kind::number, "the N entities most associated with the top results"},
         {1, 100, true, "must be between 1 and 100"}},
        {{"snippets", Kind::number, "snippets per hit (default 2; 0 for none)"}, {0, 1000, true, "must be at most 1000"}},
        {{"snippet_bytes", Kind::number, "target snippet length in bytes (default 200)"},
         {0, 16777216, true, "must be at most 16777216"}},
        {{"count", Kind::flag, "only the exact number of matches"}},
        {{"timeout", Kind::number, "seconds the match may spend beyond the page (0 = no limit)"},
         {0, 86400, false, "must be a number of seconds between 0 and 86400"}},
        {{"since", Kind::text, "only articles published on or after DATE"}},
        {{"until", Kind::text, "only articles published up to the end of DATE"}},
        {{"no_collapse", Kind::flag, "every near-duplicate instead of one per story"}},
        {{"expand", Kind::text, "every version of the story of article ID"}},
        {{"like", Kind::text, "articles like article ID (the query only filters)"}},
        {{"recency", Kind::text, "favour recent articles: a bonus halving every HALF_LIFE (30d, 12h, 2w)"}},
        {{"recency_ref", Kind::text, "measure age from DATE instead of the newest match"}},
        {{"now", Kind::text, "count relative dates (7d, yesterday, \"2 months ago\") back from DATE, not the current time"}},
        {{"auto_correct", Kind::flag, "run the \"did you mean\" correction instead of the query"}},
        {{"no_suggest", Kind::flag, "never look for a spelling correction"}},
        {{"explain", Kind::flag, "per hit: which terms matched where and what each added"}},
    };
    return specs;
}

/// "no-collapse" and "no_collapse" are one field; "q" is the query (as in most HTTP search APIs).
std::string canonical_name(std::string_view name) {
    std::string out(name);
    std::replace(out.begin(), out.end(), '-', '_');
    if (out == "q") out = "query";
    return out;
}

const FieldSpec* find_spec(std::string_view name) {
    for (const FieldSpec& spec : field_specs()) {
        if (spec.field.name == name) return &spec;
    }
    return nullptr;
}

std::optional<bool> parse_flag(std::string_view value) {
    std::string v(value);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (v.empty() || v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off") return false;
    return std::nullopt;
}

/// @p value as a number of the field's kind (maybe out of bounds), or nullopt when it is not one.
std::optional<double> parse_number(std::string_view value, const Bounds& bounds) {
    if (value.empty() || value.size() > 32) return std::nullopt;
    const std::string text(value);
    const bool digits_only = text.find_first_not_of("0123456789") == std::string::npos;
    if (bounds.whole && !digits_only) return std::nullopt;
    if (!bounds.whole && text.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const double number = std::strtod(text.c_str(), &end);
    if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(number)) return std::nullopt;
    return number;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        if (comma > start) items.emplace_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

std::string in_quotes(std::string_view value) { return "\"" + std::string(value) + "\""; }

}  // namespace

const std::vector<RequestField>& request_fields() {
    static const std::vector<RequestField> fields = [] {
        std::vector<RequestField> out;
        for (const FieldSpec& spec : field_specs()) out.push_back(spec.field);
        return out;
    }();
    return fields;
}

RequestError::RequestError(std::string field, const std::string& message)
    : UsageError(message), field_(std::move(field)) {}

RequestBuilder::RequestBuilder(Spelling spelling) : spelling_(std::move(spelling)) {}

std::string RequestBuilder::spelt(std::string_view field) const {
    return spelling_ ? spelling_(field) : std::string(field);
}

void RequestBuilder::fail(std::string_view field, const std::string& message) const {
    throw RequestError(std::string(field), spelt(field) + message);
}

RequestBuilder& RequestBuilder::set(std::string_view name, std::string_view value) {
    const std::string canonical = canonical_name(name);
    const FieldSpec* spec = find_spec(canonical);
    if (spec == nullptr) throw RequestError(canonical, "unknown search option " + in_quotes(name));
    switch (spec->field.kind) {
        case Kind::flag: {
            std::optional<bool> on = parse_flag(value);
            if (!on) fail(canonical, " must be true or false, not " + in_quotes(value));
            set_switch(spec->field, *on);
            break;
        }
        case Kind::number: set_number(spec->field, value); break;
        case Kind::list: set_list(canonical, split_list(value)); break;
        case Kind::text: set_text(spec->field, value); break;
    }
    return *this;
}

RequestBuilder& RequestBuilder::set_flag(std::string_view name, bool on) {
    const std::string canonical = canonical_name(name);
    const FieldSpec* spec = find_spec(canonical);
    if (spec == nullptr) throw RequestError(canonical, "unknown search option " + in_quotes(name));
    if (spec->field.kind != Kind::flag) fail(canonical, " takes a value, not true or false");
    set_switch(spec->field, on);
    return *this;
}

RequestBuilder& RequestBuilder::set_list(std::string_view name, const std::vector<std::string>& items) {
    const std::string canonical = canonical_name(name);
    const FieldSpec* spec = find_spec(canonical);
    if (spec == nullptr) throw RequestError(canonical, "unknown search option " + in_quotes(name));
    if (spec->field.kind != Kind::list) fail(canonical, " takes one value, not a list");
    for (const std::string& item : items) {
        if (!detail::is_facet_name(item)) {
            fail(canonical, ": unknown facet " + in_quotes(item) + " (facets: " + schema::facet_names() + ")");
        }
        // Asking twice for one facet counts it once.
        if (std::find(request_.facets.begin(), request_.facets.end(), item) == request_.facets.end()) {
            request_.facets.push_back(item);
        }
    }
    return *this;
}

void RequestBuilder::set_switch(const RequestField& field, bool on) {
    const std::string_view name = field.name;
    if (name == "natural") request_.mode = on ? QueryMode::natural : QueryMode::boolean;
    else if (name == "feedback") feedback_ = on;
    else if (name == "no_feedback") no_feedback_ = on;
    else if (name == "regularise") regularise_ = on;
    else if (name == "no_regularise") no_regularise_ = on;
    else if (name == "count") count_ = on;
    else if (name == "no_collapse") no_collapse_ = on;
    else if (name == "auto_correct") request_.auto_correct = on;
    else if (name == "no_suggest") request_.suggest = !on;
    else if (name == "explain") request_.explain = on;
}

void RequestBuilder::set_number(const RequestField& field, std::string_view value) {
    const FieldSpec& spec = *find_spec(field.name);
    std::optional<double> number = parse_number(value, spec.bounds);
    if (!number) {
        const std::string what = spec.bounds.whole ? "must be a whole number" : std::string(spec.bounds.phrase);
        fail(field.name, " " + what + ", not " + in_quotes(value));
    }
    if (*number < spec.bounds.min || *number > spec.bounds.max) fail(field.name, " " + std::string(spec.bounds.phrase));
    const auto whole = static_cast<std::size_t>(*number);
    const std::string_view name = field.name;
    if (name == "feedback_rounds") request_.feedback_rounds = static_cast<unsigned>(whole);
    else if (name == "limit") request_.limit = whole;
    else if (name == "offset") request_.offset = whole;
    else if (name == "facet_limit") request_.facet_limit = whole;
    else if (name == "related") request_.related = whole;
    else if (name == "snippets") request_.snippets_per_hit = whole;
    else if (name == "snippet_bytes") request_.snippet_bytes = whole;
    else if (name == "timeout") request_.timeout_seconds = *number;
    else if (name == "rerank_strength") request_.rerank_strength = *number;
}

void RequestBuilder::set_text(const RequestField& field, std::string_view value) {
    const std::string_view name = field.name;
    const std::string text(value);
    auto check_date = [&] {
        if (text.empty()) return;
        try {
            (void)parse_date_range(text);
        } catch (const QueryError& e) {
            fail(name, std::string(": ") + e.what());
        }
    };
    if (name == "query") {
        request_.query = text;
    } else if (name == "sort") {
        if (text == "relevance") request_.sort = SortOrder::relevance;
        else if (text == "date") request_.sort = SortOrder::date_ascending;
        else if (text == "-date") request_.sort = SortOrder::date_descending;
        else fail(name, " must be relevance, date or -date, not " + in_quotes(text));
        sort_text_ = text;
        sort_given_ = true;
    } else if (name == "lang") {
        request_.language = text;
    } else if (name == "since" || name == "until") {
        check_date();
        (name == "since" ? request_.since : request_.until) = text;
    } else if (name == "expand") {
        request_.expand_id = text;
    } else if (name == "like") {
        request_.like_id = text;
    } else if (name == "recency") {
        if (text.empty()) {
            request_.recency_half_life = std::chrono::seconds(0);
            return;
        }
        try {
            request_.recency_half_life = parse_half_life(text);
        } catch (const UsageError& e) {
            fail(name, std::string(": ") + e.what());
        }
    } else if (name == "recency_ref") {
        check_date();
        request_.recency_reference = text;
    } else if (name == "now") {
        try {
            (void)parse_now(text);
        } catch (const QueryError& e) {
            fail(name, std::string(": ") + e.what());
        }
        request_.now = text;
    }
}

SearchRequest RequestBuilder::build() const {
    auto contradict = [&](std::string_view a, std::string_view b) {
        throw RequestError(std::string(a), spelt(a) + " and " + spelt(b) + " contradict each other");
    };
    SearchRequest request = request_;
    // no_X=true says what X=false says (no_X=false says nothing); only opposite wishes contradict.
    auto merge = [&](std::string_view on_name, std::string_view off_name, const std::optional<bool>& on,
                     const std::optional<bool>& off) -> std::optional<bool> {
        const bool off_set = off.value_or(false);
        if (on.value_or(false) && off_set) contradict(on_name, off_name);
        if (off_set) return false;
        return on;
    };
    request.feedback = merge("feedback", "no_feedback", feedback_, no_feedback_);
    if (request.feedback_rounds && request.feedback == false) {
        contradict("feedback_rounds", no_feedback_.value_or(false) ? "no_feedback" : "feedback");
    }
    request.regularise = merge("regularise", "no_regularise", regularise_, no_regularise_);
    if (request.regularise.value_or(false) && request.sort != SortOrder::relevance) {
        throw RequestError("regularise", spelt("regularise") + " re-ranks by relevance; it does not combine with " +
                                             spelt("sort") + " " + sort_text_);
    }
    if (!request.recency_reference.empty() && request.recency_half_life.count() == 0) {
        throw RequestError("recency_ref", spelt("recency_ref") + " needs " + spelt("recency") + " HALF_LIFE");
    }
    // Nothing that scores (only --since/--until, or a query of filters and
    // exclusions: `date:7d`, `place:kursk`, `-oil`): every score would be 0
    // and relevance order would be index order, so the matches are listed
    // newest first (as a mail client lists a folder), unless a sort was asked
    // for, or something else ranks them (--like, --expand, --recency,
    // --regularise). The one place for this rule: CLI, HTTP and Python alike.
    const bool ranked_elsewhere = !request.like_id.empty() || !request.expand_id.empty() ||
                                  request.recency_half_life.count() > 0 || request.regularise.value_or(false);
    // A natural query has no syntax: any text in it is words.
    const bool words_rank = request.mode == QueryMode::natural
                                ? request.query.find_first_not_of(" \t\n\r") != std::string::npos
                                : detail::has_ranked_words(request.query);
    if (!sort_given_ && !ranked_elsewhere && !words_rank) {
        request.sort = SortOrder::date_descending;
    }
    request.exact_count = count_;
    request.collapse = !no_collapse_ && !count_;  // a count counts articles, not stories
    if (count_) {
        request.limit = 0;
        request.snippets_per_hit = 0;
    }
    check_request(request, spelling_);
    return request;
}

void check_request(const SearchRequest& request, const RequestBuilder::Spelling& spelling) {
    auto spelt = [&](std::string_view field) { return spelling ? spelling(field) : std::string(field); };
    for (const std::string& facet : request.facets) {
        if (!detail::is_facet_name(facet)) {
            throw RequestError("facets", "unknown facet " + in_quotes(facet) +
                                             " (facets: " + schema::facet_names() + ")");
        }
    }
    const std::int64_t now = parse_now(request.now);  // checked when set
    auto date = [&](const std::string& text, std::string_view field) {
        try {
            return parse_date_range(text, now);
        } catch (const QueryError& e) {
            throw RequestError(std::string(field), spelt(field) + ": " + e.what());
        }
    };
    if (!request.since.empty()) (void)date(request.since, "since");
    if (!request.until.empty()) (void)date(request.until, "until");
    const DateRange range = since_until_range(request.since, request.until, now);
    if (range.begin && range.end && *range.end <= *range.begin) {
        throw RequestError("since", spelt("since") + " " + request.since + " is after " + spelt("until") + " " +
                                        request.until);
    }
    if (!request.recency_reference.empty()) (void)date(request.recency_reference, "recency_ref");
}

}  // namespace newsdex
