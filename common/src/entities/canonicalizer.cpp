/// @file canonicalizer.cpp
/// Alias table and within-article resolution of names to one canonical form.
#include "canonicalizer.hpp"

#include <array>

#include "newsdex/error.hpp"
#include "newsdex/schema.hpp"

#include "text.hpp"

namespace newsdex::entities {
namespace {

bool parse_type(std::string_view s, EntityType& t) {
    for (EntityType type : {EntityType::person, EntityType::place, EntityType::org}) {
        if (s == schema::entity_type_name(type)) {
            t = type;
            return true;
        }
    }
    return false;
}

std::string map_key(EntityType t, std::string_view name) {
    std::string k(schema::entity_type_name(t));
    k += '\x1f';
    k += alias_key(name);
    return k;
}

}  // namespace

std::string alias_key(std::string_view name) {
    std::string lower = lowercase(name);
    std::string out;
    out.reserve(lower.size());
    std::size_t i = 0;
    bool space = false;
    while (i < lower.size()) {
        char32_t c = next_code_point(lower, i);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
        if (c == '.') continue;
        if (is_space(c) || c == '-' || c == 0x2010 || c == 0x2011) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        append_utf8(out, c);
    }
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
    if (out.compare(0, 4, "the ") == 0) out.erase(0, 4);
    return out;
}

std::string tidy_name(std::string_view name) {
    // Words are kept as written ("Bank of England", "McDonald", "NATO"); a name typed all in
    // lowercase ("new york") gets each word capitalised.
    bool any_upper = false;
    for (std::size_t i = 0; i < name.size();) {
        if (is_upper(next_code_point(name, i))) any_upper = true;
    }
    std::string out;
    std::size_t i = 0;
    bool word_start = true;
    while (i < name.size()) {
        char32_t c = next_code_point(name, i);
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC) c = '\'';
        if (is_space(c)) {
            word_start = true;
            continue;
        }
        if (word_start && !out.empty()) out += ' ';
        append_utf8(out, word_start && !any_upper ? to_upper(c) : c);
        word_start = false;
    }
    return out;
}

void AliasTable::load(std::string_view tsv) {
    for_each_line(tsv, [&](std::string_view line) {
        const std::size_t t1 = line.find('\t');
        const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) return;
        EntityType type;
        if (!parse_type(line.substr(0, t1), type)) return;
        const std::string canonical(line.substr(t1 + 1, t2 - t1 - 1));
        map_.emplace(map_key(type, canonical), canonical);
        std::string_view rest = line.substr(t2 + 1);
        while (!rest.empty()) {
            std::size_t bar = rest.find('|');
            std::string_view alias = rest.substr(0, bar);
            if (!alias.empty()) map_.emplace(map_key(type, alias), canonical);
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 1);
        }
    });
}

void AliasTable::load_user(std::string_view tsv, const std::string& source) {
    std::size_t line_no = 0, pos = 0;
    while (pos <= tsv.size()) {
        std::size_t nl = tsv.find('\n', pos);
        if (nl == std::string_view::npos) nl = tsv.size();
        std::string_view line = tsv.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') {
            if (nl == tsv.size()) break;
            continue;
        }
        std::vector<std::string_view> fields;
        for (std::size_t from = 0;;) {
            const std::size_t tab = line.find('\t', from);
            fields.push_back(line.substr(from, tab == std::string_view::npos ? std::string_view::npos : tab - from));
            if (tab == std::string_view::npos) break;
            from = tab + 1;
        }
        if (fields.size() != 3)
            throw InputError(source, line_no, "expected 3 tab-separated fields (type, canonical name, aliases separated by '|'), found " +
                                                  std::to_string(fields.size()));
        EntityType type;
        if (!parse_type(fields[0], type))
            throw InputError(source, line_no, "unknown entity type '" + std::string(fields[0]) + "' (person, place or org)");
        const std::string canonical = tidy_name(fields[1]);
        if (canonical.empty()) throw InputError(source, line_no, "empty canonical name");
        std::size_t added = 0;
        std::string_view rest = fields[2];
        while (true) {
            const std::size_t bar = rest.find('|');
            const std::string_view alias = rest.substr(0, bar);
            if (!alias_key(alias).empty()) {
                map_.insert_or_assign(map_key(type, alias), canonical);  // the user's table wins
                ++added;
            }
            if (bar == std::string_view::npos) break;
            rest.remove_prefix(bar + 1);
        }
        if (added == 0) throw InputError(source, line_no, "no alias for '" + canonical + "'");
        map_.insert_or_assign(map_key(type, canonical), canonical);
        if (nl == tsv.size()) break;
    }
}

const std::string* AliasTable::find(EntityType type, std::string_view name) const {
    const auto it = map_.find(map_key(type, name));
    return it == map_.end() ? nullptr : &it->second;
}

void retype_from_aliases(const AliasTable& aliases, std::vector<RawMention>& mentions) {
    static constexpr EntityType kAll[] = {EntityType::person, EntityType::place, EntityType::org};
    for (RawMention& m : mentions) {
        if (aliases.find(m.type, m.text)) continue;
        for (EntityType t : kAll) {
            if (t != m.type && aliases.find(t, m.text)) {
                m.type = t;
                break;
            }
        }
    }
}

void harmonise_types(std::vector<RawMention>& mentions) {
    std::unordered_map<std::string, std::array<int, 3>> votes;
    std::unordered_map<std::string, bool> surname;
    for (const RawMention& m : mentions) {
        if (m.words.size() == 1) ++votes[alias_key(m.words[0])][static_cast<int>(m.type)];
        else if (m.type == EntityType::person) surname[alias_key(m.words.back())] = true;
    }
    for (RawMention& m : mentions) {
        if (m.words.size() != 1) continue;
        const std::string key = alias_key(m.words[0]);
        if (surname.count(key)) {
            m.type = EntityType::person;
            continue;
        }
        const auto& v = votes[key];
        int best = static_cast<int>(m.type);
        for (int t = 0; t < 3; ++t) {
            if (v[t] > v[best]) best = t;
        }
        m.type = static_cast<EntityType>(best);
    }
}

namespace {

/// True for a name written without lowercase letters but with two or more capitals ("REAGAN",
/// "MOODY'S", "EC"): a headline, old wire copy or an acronym.
bool all_caps(std::string_view s) {
    int upper = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = next_code_point(s, i);
        if (is_lower(c)) return false;
        upper += is_upper(c) ? 1 : 0;
    }
    return upper >= 2;
}

/// "Securities and Exchange Commission" -> "sec": the initials of its capitalised words.
std::string initials(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        std::size_t i = 0;
        const char32_t c = next_code_point(w, i);
        if (is_upper(c)) append_utf8(out, to_lower(c));
    }
    return out;
}

}  // namespace

bool is_legal_suffix(std::string_view w) {
    static constexpr std::string_view kSuffixes[] = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa",
                                                     "nv", "bv", "spa", "gmbh", "lp", "llp", "pty"};
    std::string k = alias_key(w);
    for (std::string_view s : kSuffixes) {
        if (k == s) return true;
    }
    return false;
}

std::string strip_legal_suffix(std::string_view name) {
    std::string out(name);
    for (;;) {
        std::size_t space = out.rfind(' ');
        if (space == std::string::npos || !is_legal_suffix(out.substr(space + 1))) break;
        out.resize(space);
        while (!out.empty() && (out.back() == ',' || out.back() == ' ')) out.pop_back();
        // "Brown and Sons and Co" -> "Brown and Sons": a dangling "and" / "&" goes too.
        for (std::string_view tail : {std::string_view(" and"), std::string_view(" &")}) {
            if (out.size() > tail.size() && out.compare(out.size() - tail.size(), tail.size(), tail) == 0)
                out.resize(out.size() - tail.size());
        }
        if (out.find(' ') == std::string::npos && out.size() < 2) return std::string(name);
    }
    return out.empty() ? std::string(name) : out;
}

namespace {

/// What linking compares of a mention, computed once per article.
struct MentionKeys {
    std::string key, first, last, initials;
    bool caps = false, company = false;
};

std::vector<MentionKeys> mention_keys(const std::vector<RawMention>& mentions) {
    std::vector<MentionKeys> keys(mentions.size());
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const RawMention& m = mentions[i];
        if (m.words.empty()) continue;
        MentionKeys& k = keys[i];
        k.key = alias_key(m.text);
        k.caps = all_caps(m.text);
        k.first = alias_key(m.words.front());
        k.last = alias_key(m.words.back());
        if (m.words.size() >= 2) {
            k.initials = initials(m.words);
            k.company = is_legal_suffix(m.words.back());
        }
    }
    return keys;
}

std::size_t linked_mention(const std::vector<RawMention>& mentions, const std::vector<MentionKeys>& keys, std::size_t i) {
    const RawMention& m = mentions[i];
    const MentionKeys& mk = keys[i];
    const std::size_t none = mentions.size();
    if (m.words.empty()) return none;
    std::size_t chosen = none;
    // The nearest earlier mention wins, else the first later one.
    auto consider = [&](std::size_t f) {
        if (f < i || chosen == none) chosen = f;
        return f > i;
    };
    for (std::size_t f = 0; f < mentions.size(); ++f) {
        const RawMention& o = mentions[f];
        const MentionKeys& ok = keys[f];
        if (f == i || o.type != m.type || o.words.empty()) continue;
        bool link = false;
        if (mk.caps && !ok.caps && ok.key == mk.key) {
            link = true;  // "REAGAN" in the headline, "Reagan" in the body
        } else if (m.words.size() == 1 && o.words.size() >= 2) {
            if (m.type == EntityType::person) {
                // A lone surname (or first name) takes the full name containing it.
                link = ok.last == mk.first || ok.first == mk.first;
            } else if (m.type == EntityType::org) {
                // "EC" after "European Community"; a company by its first word ("Moody's" after
                // "Moody's Investors Service Inc"), but not "House" for "House Judiciary Committee".
                link = (mk.caps && mk.first.size() >= 2 && ok.initials == mk.first) ||
                       (ok.company && ok.first == mk.first);
            }
        }
        if (link && consider(f)) break;
    }
    return chosen;
}

}  // namespace

std::size_t linked_mention(const std::vector<RawMention>& mentions, std::size_t i) {
    return linked_mention(mentions, mention_keys(mentions), i);
}

std::vector<std::string> resolve_article(const AliasTable& aliases, const std::vector<RawMention>& mentions) {
    std::vector<std::string> out(mentions.size());
    const std::vector<MentionKeys> keys = mention_keys(mentions);
    for (std::size_t i = 0; i < mentions.size(); ++i) {
        const RawMention& m = mentions[i];
        // Follow links (a headline's "VOLCKER" -> the body's "Volcker" -> "Paul Volcker") a few steps.
        std::size_t at = i;
        for (int step = 0; step < 3; ++step) {
            const std::size_t next = linked_mention(mentions, keys, at);
            if (next == mentions.size() || next == i) break;
            at = next;
        }
        const std::string& name = mentions[at].text;
        const std::string* canon = aliases.find(m.type, name);
        if (!canon && at != i) canon = aliases.find(m.type, m.text);
        std::string tidy = tidy_name(name);
        if (!canon && m.type == EntityType::org) {
            tidy = strip_legal_suffix(tidy);  // "Sony Corp": the table may know "Sony"
            canon = aliases.find(m.type, tidy);
        }
        out[i] = canon ? *canon : std::move(tidy);
    }
    return out;
}

}  // namespace newsdex::entities
