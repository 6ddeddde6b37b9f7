/// @file main.cpp
/// newsdex-dedup-eval: measures near-duplicate detection (precision/recall) on JSONL corpora.
///
/// 1. Known duplicates: indexes every article of each file into an in-memory
///    Xapian database exactly as IndexWriter does (assign_cluster, then
///    add_near_duplicate_data) and compares the story clusters with the
///    `dup_of` links (pairs, transitively). Also all-pairs, without LSH.
/// 2. Constructed copies: for N random articles makes edited copies (new
///    headline, appended paragraph, 5%/10% of words replaced, paragraphs
///    shuffled, truncated to 80%) and checks that each lands in its original's cluster.
/// 3. Same topic: the most word-overlapping pairs of distinct articles of one
///    category must not be merged.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "near_duplicates.hpp"
#include "newsdex/analyzer.hpp"
#include "newsdex/schema.hpp"

using namespace newsdex;
using detail::Signature;

namespace {

struct Record {
    std::string id, title, body, dup_of, category;
};

const Analyzer& analyzer() {
    static const Analyzer instance;
    return instance;
}

/// The analysed words of @p text, as IndexWriter gets them from the Analyzer.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    analyzer().for_each_token(text, 1, [&](const Token& token) { words.push_back(token.term); });
    return words;
}

/// The words IndexWriter signs (the library's rule: the body, with the headline when the body is tiny).
std::vector<std::string> signed_words(const std::string& title, const std::string& body) {
    return detail::signed_words(analyzer(), title, words_of(body));
}

std::vector<Record> read_jsonl(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<Record> records;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.empty()) continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception& e) {
            throw std::runtime_error(path + ":" + std::to_string(n) + ": " + e.what());
        }
        Record r;
        r.id = j.value("id", path + ":" + std::to_string(n));
        r.title = j.value("title", "");
        r.body = j.value("body", "");
        if (j.contains("dup_of") && j["dup_of"].is_string()) r.dup_of = j["dup_of"].get<std::string>();
        if (j.contains("categories") && j["categories"].is_array() && !j["categories"].empty())
            r.category = j["categories"][0].get<std::string>();
        records.push_back(std::move(r));
    }
    return records;
}

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

std::uint64_t pairs(std::uint64_t n) { return n * (n - 1) / 2; }

struct PairScore {
    std::uint64_t predicted = 0, truth = 0, correct = 0;
    double precision() const { return predicted ? double(correct) / double(predicted) : 1.0; }
    double recall() const { return truth ? double(correct) / double(truth) : 1.0; }
};

/// Pair precision/recall of a predicted partition against a true one (labels per record).
PairScore score_partition(const std::vector<std::size_t>& predicted, const std::vector<std::size_t>& truth) {
    std::map<std::size_t, std::uint64_t> p, t;
    std::map<std::pair<std::size_t, std::size_t>, std::uint64_t> both;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        ++p[predicted[i]];
        ++t[truth[i]];
        ++both[{predicted[i], truth[i]}];
    }
    PairScore s;
    for (const auto& [k, n] : p) s.predicted += pairs(n);
    for (const auto& [k, n] : t) s.truth += pairs(n);
    for (const auto& [k, n] : both) s.correct += pairs(n);
    return s;
}

void print_score(const char* what, const PairScore& s) {
    std::printf("  %-44s pairs predicted %5llu, true %5llu, correct %5llu: precision %.4f recall %.4f\n", what,
                static_cast<unsigned long long>(s.predicted), static_cast<unsigned long long>(s.truth),
                static_cast<unsigned long long>(s.correct), s.precision(), s.recall());
}

/// Exact Jaccard of the 3-word shingle sets (to check the MinHash estimates).
double exact_shingle_jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    auto shingles = [](const std::vector<std::string>& w) {
        std::vector<std::string> s;
        for (std::size_t i = 0; i + detail::shingle_words <= w.size(); ++i)
            s.push_back(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
        std::sort(s.begin(), s.end());
        s.erase(std::unique(s.begin(), s.end()), s.end());
        return s;
    };
    const auto sa = shingles(a), sb = shingles(b);
    std::vector<std::string> common;
    std::set_intersection(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(common));
    const std::size_t uni = sa.size() + sb.size() - common.size();
    return uni ? double(common.size()) / double(uni) : 0.0;
}

std::vector<std::string> split_paragraphs(const std::string& body) {
    std::vector<std::string> paragraphs;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find("\n\n", start);
        if (end == std::string::npos) end = body.size();
        if (end > start) paragraphs.push_back(body.substr(start, end - start));
        start = end + 2;
    }
    return paragraphs;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
    return out;
}

std::vector<std::string> split_spaces(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> tokens;
    for (std::string t; in >> t;) tokens.push_back(t);
    return tokens;
}

struct Edit {
    const char* name;
    std::function<Record(const Record&, const Record& other, std::mt19937_64&)> apply;
};

/// Replaces @p fraction of the whitespace-separated words by words of @p other.
Record replace_words(const Record& r, const Record& other, std::mt19937_64& rng, double fraction) {
    std::vector<std::string> tokens = split_spaces(r.body);
    const std::vector<std::string> donor = split_spaces(other.body);
    const auto n = static_cast<std::size_t>(double(tokens.size()) * fraction + 0.5);
    std::vector<std::size_t> positions(tokens.size());
    std::iota(positions.begin(), positions.end(), 0);
    std::shuffle(positions.begin(), positions.end(), rng);
    for (std::size_t i = 0; i < n && i < positions.size() && !donor.empty(); ++i)
        tokens[positions[i]] = donor[rng() % donor.size()];
    Record copy = r;
    copy.body = join(tokens, " ");
    return copy;
}

/// A random paragraph of @p other, cut to at most a quarter of @p r's words:
/// an update adds a paragraph; a copy that is mostly another article is that article's copy.
std::string paragraph_to_append(const Record& r, const Record& other, std::mt19937_64& rng) {
    const auto paragraphs = split_paragraphs(other.body);
    if (paragraphs.empty()) return {};
    auto tokens = split_spaces(paragraphs[rng() % paragraphs.size()]);
    tokens.resize(std::min(tokens.size(), split_spaces(r.body).size() / 4));
    return join(tokens, " ");
}

const std::vector<Edit>& edits() {
    static const std::vector<Edit> table{
        {"changed headline",
         [](const Record& r, const Record& other, std::mt19937_64&) {
             Record c = r;
             c.title = "UPDATE: " + other.title;
             return c;
         }},
        {"appended paragraph (other article)",
         [](const Record& r, const Record& other, std::mt19937_64& rng) {
             Record c = r;
             c.body += "\n\n" + paragraph_to_append(r, other, rng);
             return c;
         }},
        {"5% of words replaced",
         [](const Record& r, const Record& other, std::mt19937_64& rng) { return replace_words(r, other, rng, 0.05); }},
        {"paragraphs shuffled",
         [](const Record& r, const Record&, std::mt19937_64& rng) {
             Record c = r;
             auto paragraphs = split_paragraphs(r.body);
             std::shuffle(paragraphs.begin(), paragraphs.end(), rng);
             c.body = join(paragraphs, "\n\n");
             return c;
         }},
        {"truncated to 80% of words",
         [](const Record& r, const Record&, std::mt19937_64&) {
             Record c = r;
             auto tokens = split_spaces(r.body);
             tokens.resize(tokens.size() * 8 / 10);
             c.body = join(tokens, " ");
             return c;
         }},
        {"all of: headline, appended, 5%, truncated",
         [](const Record& r, const Record& other, std::mt19937_64& rng) {
             Record c = replace_words(r, other, rng, 0.05);
             auto tokens = split_spaces(c.body);
             tokens.resize(tokens.size() * 8 / 10);
             c.body = join(tokens, " ");
             c.body += "\n\n" + paragraph_to_append(r, other, rng);
             c.title = "UPDATE: " + other.title;
             return c;
         }},
        {"(stress) 10% of words replaced",
         [](const Record& r, const Record& other, std::mt19937_64& rng) { return replace_words(r, other, rng, 0.10); }},
        {"(stress) truncated to 50% of words",
         [](const Record& r, const Record&, std::mt19937_64&) {
             Record c = r;
             auto tokens = split_spaces(r.body);
             tokens.resize(tokens.size() / 2);
             c.body = join(tokens, " ");
             return c;
         }},
    };
    return table;
}

struct Options {
    std::vector<std::string> files;
    std::size_t constructed = 300;
    std::uint64_t seed = 42;
    std::size_t same_topic = 1000;
    std::size_t show = 10;
    std::size_t max_all_pairs = 5000;
};

int usage(const char* argv0) {
    std::fprintf(stderr,
                 "usage: %s [--constructed N] [--same-topic K] [--seed S] [--show K] FILE.jsonl...\n"
                 "  --constructed N  edited copies of N random articles per edit kind (default 300)\n"
                 "  --same-topic K   check the K most word-overlapping same-category pairs (default 1000)\n"
                 "  --show K         list up to K disagreements of each kind (default 10)\n"
                 "  --max-all-pairs N  skip the O(n^2) all-pairs checks above N articles (default 5000)\n",
                 argv0);
    return 2;
}

void evaluate(const std::string& path, const Options& opt) {
    const std::vector<Record> records = read_jsonl(path);
    const std::size_t n = records.size();
    std::printf("\n== %s: %zu articles\n", path.c_str(), n);

    std::unordered_map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < n; ++i) index_of.emplace(records[i].id, i);

    std::vector<std::vector<std::string>> words(n);
    std::vector<Signature> sigs(n);
    for (std::size_t i = 0; i < n; ++i) {
        words[i] = signed_words(records[i].title, records[i].body);
        sigs[i] = detail::make_signature(words[i]);
    }

    // 1. Cluster exactly as IndexWriter does.
    Xapian::WritableDatabase db("", Xapian::DB_BACKEND_INMEMORY);
    std::unordered_map<std::string, std::size_t> cluster_label;
    std::vector<std::size_t> predicted(n);
    std::vector<std::string> cluster_of(n);
    detail::ClusterLookupStats stats;
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < n; ++i) {
        const Signature& sig = sigs[i];
        const std::string cluster = detail::assign_cluster(db, sig, records[i].id, &stats);
        Xapian::Document doc;
        doc.add_boolean_term(std::string(schema::prefix_id) + records[i].id);
        detail::add_near_duplicate_data(doc, sig, cluster);
        db.replace_document(std::string(schema::prefix_id) + records[i].id, doc);
        cluster_of[i] = cluster;
        predicted[i] = cluster_label.emplace(cluster, cluster_label.size()).first->second;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("signature + assign_cluster + add: %.1f us/article; per article %.2f band postings read, "
                "%.2f candidates verified; %zu clusters\n",
                1e6 * seconds / double(n), double(stats.postings) / double(n), double(stats.verified) / double(n),
                cluster_label.size());

    UnionFind dup(n), dup_or_same_body(n);
    std::size_t links = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (records[i].dup_of.empty()) continue;
        auto it = index_of.find(records[i].dup_of);
        if (it == index_of.end()) continue;
        ++links;
        dup.join(i, it->second);
        dup_or_same_body.join(i, it->second);
    }
    std::unordered_map<std::string, std::size_t> first_with_body;
    std::size_t same_body_unflagged = 0;
    for (std::size_t i = 0; i < n; ++i) {
        // Tiny bodies ("Blah blah blah." briefs) are signed with their headline: not copies.
        if (words_of(records[i].body).size() < detail::min_body_words) continue;
        auto [it, fresh] = first_with_body.emplace(records[i].body, i);
        if (!fresh) {
            same_body_unflagged += dup.find(i) != dup.find(it->second);
            dup_or_same_body.join(i, it->second);
        }
    }
    std::vector<std::size_t> truth(n), truth_ext(n);
    for (std::size_t i = 0; i < n; ++i) {
        truth[i] = dup.find(i);
        truth_ext[i] = dup_or_same_body.find(i);
    }
    std::printf("known duplicates: %zu dup_of links; %zu more articles repeat an earlier body under another headline\n",
                links, same_body_unflagged);
    std::printf("clusters vs truth (a pair is true if dup_of links it, directly or transitively):\n");
    if (links) print_score("vs dup_of", score_partition(predicted, truth));
    print_score("vs dup_of + identical body (new headline)", score_partition(predicted, truth_ext));

    std::size_t shown = 0;
    for (std::size_t i = 0; i < n && shown < opt.show; ++i) {
        const std::size_t head = index_of.count(cluster_of[i]) ? index_of[cluster_of[i]] : i;
        if (head != i && truth_ext[i] != truth_ext[head]) {
            if (!shown++) std::printf("  merged but not known duplicates (article -> cluster head):\n");
            std::printf("    %s -> %s  est J %.2f, exact J %.2f  \"%s\" / \"%s\"\n", records[i].id.c_str(),
                        records[head].id.c_str(), detail::estimated_jaccard(sigs[i], sigs[head]),
                        exact_shingle_jaccard(words[i], words[head]), records[i].title.c_str(),
                        records[head].title.c_str());
        }
    }
    shown = 0;
    for (std::size_t i = 0; i < n && shown < opt.show; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (truth_ext[i] == truth_ext[j] && predicted[i] != predicted[j] && shown < opt.show) {
                if (!shown++) std::printf("  known duplicates not merged:\n");
                std::printf("    %s / %s  est J %.2f\n", records[i].id.c_str(), records[j].id.c_str(),
                            detail::estimated_jaccard(sigs[i], sigs[j]));
            }
        }
    }

    // All pairs with is_near_duplicate (no LSH, no clustering): the detector itself.
    const bool all_pairs = n <= opt.max_all_pairs;
    if (!all_pairs)
        std::printf("all-pairs and same-topic checks skipped: %zu articles > --max-all-pairs %zu\n", n,
                    opt.max_all_pairs);
    if (all_pairs) {
        PairScore s, s_ext;
        std::vector<std::size_t> hist(11);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                const bool hit = detail::is_near_duplicate(sigs[i], sigs[j]);
                const bool t = truth[i] == truth[j], te = truth_ext[i] == truth_ext[j];
                s.predicted += hit;
                s.truth += t;
                s.correct += hit && t;
                s_ext.predicted += hit;
                s_ext.truth += te;
                s_ext.correct += hit && te;
                if (!te) ++hist[static_cast<std::size_t>(detail::estimated_jaccard(sigs[i], sigs[j]) * 10)];
            }
        }
        std::printf("all pairs, is_near_duplicate() (no LSH, no clustering):\n");
        if (links) print_score("vs dup_of", s);
        print_score("vs dup_of + identical body (new headline)", s_ext);
        std::printf("  estimated Jaccard of the %llu pairs that are not duplicates:",
                    static_cast<unsigned long long>(pairs(n) - s_ext.truth));
        for (std::size_t b = 0; b < hist.size(); ++b)
            if (hist[b]) std::printf(" [%.1f,%.1f): %zu", double(b) / 10, double(b + 1) / 10, hist[b]);
        std::printf("\n");
    }

    // 3. Same topic: the most word-overlapping distinct pairs within a category.
    if (all_pairs && opt.same_topic > 0) {
        std::vector<std::vector<std::string>> sets(n);
        for (std::size_t i = 0; i < n; ++i) {
            sets[i] = words[i];
            std::sort(sets[i].begin(), sets[i].end());
            sets[i].erase(std::unique(sets[i].begin(), sets[i].end()), sets[i].end());
        }
        struct Pair {
            double word_jaccard;
            std::size_t i, j;
        };
        std::vector<Pair> candidates;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < i; ++j) {
                if (records[i].category != records[j].category || truth_ext[i] == truth_ext[j]) continue;
                std::size_t common = 0;
                for (auto a = sets[i].begin(), b = sets[j].begin(); a != sets[i].end() && b != sets[j].end();) {
                    if (*a < *b) ++a;
                    else if (*b < *a) ++b;
                    else ++common, ++a, ++b;
                }
                const std::size_t uni = sets[i].size() + sets[j].size() - common;
                if (uni) candidates.push_back({double(common) / double(uni), i, j});
            }
        }
        const std::size_t k = std::min(opt.same_topic, candidates.size());
        std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k), candidates.end(),
                          [](const Pair& a, const Pair& b) { return a.word_jaccard > b.word_jaccard; });
        std::size_t merged = 0, near = 0;
        double max_est = 0;
        shown = 0;
        for (std::size_t c = 0; c < k; ++c) {
            const Pair& p = candidates[c];
            const bool m = predicted[p.i] == predicted[p.j];
            merged += m;
            near += detail::is_near_duplicate(sigs[p.i], sigs[p.j]);
            max_est = std::max(max_est, detail::estimated_jaccard(sigs[p.i], sigs[p.j]));
            if (m && shown++ < opt.show)
                std::printf("    same-topic pair merged: %s / %s word J %.2f, shingle J %.2f \"%s\" / \"%s\"\n",
                            records[p.i].id.c_str(), records[p.j].id.c_str(), p.word_jaccard,
                            exact_shingle_jaccard(words[p.i], words[p.j]), records[p.i].title.c_str(),
                            records[p.j].title.c_str());
        }
        if (k)
            std::printf("same topic: %zu most word-overlapping non-duplicate pairs of one category "
                        "(word Jaccard %.2f..%.2f): %zu merged into one cluster, %zu is_near_duplicate, "
                        "max estimated shingle Jaccard %.2f\n",
                        k, candidates[k - 1].word_jaccard, candidates[0].word_jaccard, merged, near, max_est);
    }

    // 2. Constructed copies, checked against the database of all originals.
    if (opt.constructed > 0) {
        std::mt19937_64 rng(opt.seed);
        std::vector<std::size_t> originals;
        for (std::size_t i = 0; i < n; ++i)
            if (records[i].dup_of.empty() && words_of(records[i].body).size() >= 50) originals.push_back(i);
        std::shuffle(originals.begin(), originals.end(), rng);
        originals.resize(std::min(opt.constructed, originals.size()));
        std::printf("constructed copies of %zu random articles (seed %llu), assigned against all %zu articles:\n",
                    originals.size(), static_cast<unsigned long long>(opt.seed), n);
        std::printf("  %-44s %8s %8s %8s %8s %8s %9s\n", "edit", "copies", "right", "wrong", "new", "recall",
                    "precision");
        std::size_t total = 0, total_right = 0, total_wrong = 0;
        for (const Edit& edit : edits()) {
            std::size_t right = 0, wrong = 0, fresh = 0;
            double min_est = 1.0;
            for (std::size_t i : originals) {
                std::size_t other = rng() % n;
                while (other == i || truth_ext[other] == truth_ext[i]) other = rng() % n;
                const Record copy = edit.apply(records[i], records[other], rng);
                const Signature sig = detail::make_signature(signed_words(copy.title, copy.body));
                min_est = std::min(min_est, detail::estimated_jaccard(sig, sigs[i]));
                const std::string cluster = detail::assign_cluster(db, sig, records[i].id + "#copy");
                if (cluster == cluster_of[i]) {
                    ++right;
                } else if (cluster == records[i].id + "#copy") {
                    ++fresh;
                } else {
                    ++wrong;
                    const std::size_t head = index_of.count(cluster) ? index_of[cluster] : i;
                    if (opt.show)
                        std::printf("    wrong cluster: copy of %s (cluster %s) -> %s, est J %.2f to the original, "
                                    "%.2f to %s; original to %s: %.2f\n",
                                    records[i].id.c_str(), cluster_of[i].c_str(), cluster.c_str(),
                                    detail::estimated_jaccard(sig, sigs[i]),
                                    detail::estimated_jaccard(sig, sigs[head]), records[head].id.c_str(),
                                    records[head].id.c_str(), detail::estimated_jaccard(sigs[i], sigs[head]));
                }
            }
            const bool stress = edit.name[0] == '(';
            if (!stress) {
                total += originals.size();
                total_right += right;
                total_wrong += wrong;
            }
            std::printf("  %-44s %8zu %8zu %8zu %8zu %8.4f %9.4f   (min est J %.2f)\n", edit.name, originals.size(),
                        right, wrong, fresh, double(right) / double(originals.size()),
                        right + wrong ? double(right) / double(right + wrong) : 1.0, min_est);
        }
        std::printf("  %-44s %8zu %8zu %8zu %8s %8.4f %9.4f\n", "total (without stress rows)", total, total_right,
                    total_wrong, "", double(total_right) / double(total),
                    total_right + total_wrong ? double(total_right) / double(total_right + total_wrong) : 1.0);
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto number = [&](auto& out) {
            if (i + 1 >= argc) return false;
            try {
                out = static_cast<std::remove_reference_t<decltype(out)>>(std::stoull(argv[++i]));
            } catch (const std::exception&) {
                return false;
            }
            return true;
        };
        if (arg == "--constructed") {
            if (!number(opt.constructed)) return usage(argv[0]);
        } else if (arg == "--same-topic") {
            if (!number(opt.same_topic)) return usage(argv[0]);
        } else if (arg == "--seed") {
            if (!number(opt.seed)) return usage(argv[0]);
        } else if (arg == "--show") {
            if (!number(opt.show)) return usage(argv[0]);
        } else if (arg == "--max-all-pairs") {
            if (!number(opt.max_all_pairs)) return usage(argv[0]);
        } else if (arg == "-h" || arg == "--help") {
            usage(argv[0]);
            return 0;
        } else if (!arg.empty() && arg[0] == '-') {
            std::fprintf(stderr, "newsdex-dedup-eval: unknown option %s\n", arg.c_str());
            return usage(argv[0]);
        } else {
            opt.files.push_back(arg);
        }
    }
    if (opt.files.empty()) return usage(argv[0]);
    std::printf("newsdex-dedup-eval:");
    for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
    std::printf("\nparameters: %zu minhashes (16 bit), %zu bands x %zu rows, %zu-word shingles "
                "(word sets below %zu words); near duplicate if estimated Jaccard >= %.2f, "
                "or containment >= %.2f and Jaccard >= %.2f\n",
                detail::minhash_count, detail::lsh_bands, detail::lsh_rows, detail::shingle_words,
                detail::min_shingle_words, detail::near_duplicate_jaccard, detail::near_duplicate_containment,
                detail::min_containment_jaccard);
    try {
        for (const std::string& file : opt.files) evaluate(file, opt);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdex-dedup-eval: %s\n", e.what());
        return 1;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "newsdex-dedup-eval: %s\n", e.get_description().c_str());
        return 1;
    }
    return 0;
}
