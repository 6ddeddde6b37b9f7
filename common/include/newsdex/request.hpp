/// @file request.hpp
/// Named text values -> SearchRequest: the one reader of search options, for
/// command-line flags, HTTP query parameters and Python keywords alike.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/error.hpp"
#include "newsdex/searcher.hpp"

namespace newsdex {

/// How a request field takes its value.
enum class RequestFieldKind {
    text,    ///< any string ("since": "2025-03")
    flag,    ///< a boolean: "" / "1" / "true" / "yes" / "on", or "0" / "false" / "no" / "off"
    number,  ///< a number within the field's bounds
    list,    ///< comma-separated items; setting it again adds items
};

/// One field of a search request, as a front end names it.
struct RequestField {
    std::string_view name;  ///< "limit", "no_collapse", "recency_ref" (HTTP parameter and Python keyword)
    RequestFieldKind kind;
    std::string_view help;  ///< one line for documentation
};

/// Every field RequestBuilder reads, in the order the README documents them.
const std::vector<RequestField>& request_fields();

/// A request field with a bad value; what() names the field as the front end spells it.
class RequestError : public UsageError {
  public:
    RequestError(std::string field, const std::string& message);
    /// The field's own name ("recency_ref"), whatever the spelling in what().
    const std::string& field() const noexcept { return field_; }

  private:
    std::string field_;
};

/**
 * Builds a SearchRequest from named values given as text. Fields are the
 * request_fields(); '-' and '_' in names are the same ("no-collapse").
 * Each value is checked when it is set (numbers and their bounds, dates,
 * half-lives, sort orders, facet names), and the fields are checked against
 * each other by build(). Error messages name the field through the spelling
 * function, so a command line can say "--recency-ref" where HTTP says
 * "recency_ref".
 */
class RequestBuilder {
  public:
    /// Maps a field name ("recency_ref") to how messages show it; default: the name itself.
    using Spelling = std::function<std::string(std::string_view field)>;

    explicit RequestBuilder(Spelling spelling = {});

    /** Sets field @p name from @p value as typed ("10", "person,place", "true", "2025-03").
     *  @throws RequestError for an unknown field or a bad value, naming the field. */
    RequestBuilder& set(std::string_view name, std::string_view value);
    /// Sets a flag field from a boolean. @throws RequestError if @p name is not a flag.
    RequestBuilder& set_flag(std::string_view name, bool on);
    /// Adds items to a list field (facets). @throws RequestError for a bad item.
    RequestBuilder& set_list(std::string_view name, const std::vector<std::string>& items);

    /** The request, once the fields agree with each other (feedback and
     *  no_feedback, regularise and a date sort, since after until,
     *  recency_ref without recency). Does not require a query: a batch of
     *  queries shares one request.
     *  @throws RequestError naming the fields that disagree. */
    SearchRequest build() const;

    /// `count` was set: the caller wants only the exact number of matches
    /// (build() then asks for no hits and no collapsing).
    bool count_only() const { return count_; }

  private:
    void set_number(const RequestField& field, std::string_view value);
    void set_text(const RequestField& field, std::string_view value);
    void set_switch(const RequestField& field, bool on);
    [[noreturn]] void fail(std::string_view field, const std::string& message) const;
    std::string spelt(std::string_view field) const;

    Spelling spelling_;
    SearchRequest request_;
    std::optional<bool> feedback_, no_feedback_, regularise_, no_regularise_;
    bool count_ = false;
    bool no_collapse_ = false;
    std::string sort_text_ = "relevance";
    bool sort_given_ = false;  ///< sort was set (even to relevance): no automatic newest-first
};

/** The checks every search makes on a request however it was built (facet
 *  names, feedback rounds, dates and their order), with messages naming the
 *  fields as @p spelling spells them.
 *  @throws RequestError. */
void check_request(const SearchRequest& request, const RequestBuilder::Spelling& spelling = {});

}  // namespace newsdex
