/// @file clusters.cpp
/// Word clusters as binary paths from word vectors: bisecting 2-means over unit vectors, so a
/// path prefix is a coarser cluster, as in Brown clusters' prefix features.
#include "clusters.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace newsdex::ner {
namespace {

struct Vectors {
    std::vector<std::string> words;
    std::vector<float> data;  // words.size() * dim, unit length
    std::size_t dim = 0;
};

/// fastText .vec text format: "count dim" header, then "word v1 ... vdim" per line.
Vectors read_vec(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    Vectors v;
    std::size_t count = 0;
    std::string line;
    if (!std::getline(in, line)) throw std::runtime_error(path + ": empty");
    std::istringstream(line) >> count >> v.dim;
    if (v.dim == 0) throw std::runtime_error(path + ":1: no \"count dim\" header");
    std::size_t lineno = 1;
    while (std::getline(in, line)) {
        ++lineno;
        std::istringstream ss(line);
        std::string word;
        ss >> word;
        if (word.empty() || word == "</s>") continue;
        std::vector<float> x(v.dim);
        double norm = 0;
        for (std::size_t d = 0; d < v.dim; ++d) {
            if (!(ss >> x[d])) throw std::runtime_error(path + ":" + std::to_string(lineno) + ": short vector");
            norm += double(x[d]) * x[d];
        }
        if (norm <= 0) continue;
        const float inv = static_cast<float>(1 / std::sqrt(norm));
        for (float& f : x) f *= inv;
        v.words.push_back(word);
        v.data.insert(v.data.end(), x.begin(), x.end());
    }
    return v;
}

/// Splits members in two by spherical 2-means; returns the size of the first part (members
/// reordered so that the first part comes first).
std::size_t split(const Vectors& v, std::vector<std::uint32_t>& members, std::size_t b, std::size_t e, std::mt19937& rng) {
    const std::size_t dim = v.dim, n = e - b;
    auto row = [&](std::uint32_t w) { return &v.data[static_cast<std::size_t>(w) * dim]; };
    std::vector<float> c0(dim), c1(dim);
    // Seeds: a random member and the member least similar to it (k-means++ for k = 2, greedy).
    std::uniform_int_distribution<std::size_t> pick(b, e - 1);
    const float* a = row(members[pick(rng)]);
    std::size_t far = b;
    float worst = 2;
    for (std::size_t k = b; k < e; ++k) {
        const float* x = row(members[k]);
        float dot = 0;
        for (std::size_t d = 0; d < dim; ++d) dot += a[d] * x[d];
        if (dot < worst) {
            worst = dot;
            far = k;
        }
    }
    std::copy(a, a + dim, c0.begin());
    std::copy(row(members[far]), row(members[far]) + dim, c1.begin());
    std::vector<std::uint8_t> side(n, 0);
    for (int iter = 0; iter < 12; ++iter) {
        bool changed = false;
        std::vector<double> s0(dim, 0), s1(dim, 0);
        std::size_t n0 = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const float* x = row(members[b + k]);
            float d0 = 0, d1 = 0;
            for (std::size_t d = 0; d < dim; ++d) {
                d0 += c0[d] * x[d];
                d1 += c1[d] * x[d];
            }
            const std::uint8_t s = d1 > d0 ? 1 : 0;
            changed = changed || s != side[k];
            side[k] = s;
            auto& sum = s ? s1 : s0;
            for (std::size_t d = 0; d < dim; ++d) sum[d] += x[d];
            n0 += s ? 0 : 1;
        }
        if (n0 == 0 || n0 == n) break;
        auto normalise = [&](const std::vector<double>& sum, std::vector<float>& c) {
            double norm = 0;
            for (double x : sum) norm += x * x;
            const double inv = norm > 0 ? 1 / std::sqrt(norm) : 0;
            for (std::size_t d = 0; d < dim; ++d) c[d] = static_cast<float>(sum[d] * inv);
        };
        normalise(s0, c0);
        normalise(s1, c1);
        if (!changed && iter > 0) break;
    }
    std::vector<std::uint32_t> left, right;
    for (std::size_t k = 0; k < n; ++k) (side[k] ? right : left).push_back(members[b + k]);
    if (left.empty() || right.empty()) {  // identical vectors: split in halves
        left.assign(members.begin() + static_cast<std::ptrdiff_t>(b), members.begin() + static_cast<std::ptrdiff_t>(b + n / 2));
        right.assign(members.begin() + static_cast<std::ptrdiff_t>(b + n / 2), members.begin() + static_cast<std::ptrdiff_t>(e));
    }
    std::copy(left.begin(), left.end(), members.begin() + static_cast<std::ptrdiff_t>(b));
    std::copy(right.begin(), right.end(), members.begin() + static_cast<std::ptrdiff_t>(b + left.size()));
    return left.size();
}

void bisect(const Vectors& v, std::vector<std::uint32_t>& members, std::size_t b, std::size_t e, const std::string& path,
            int depth, std::size_t min_size, std::mt19937& rng, std::vector<std::string>& paths) {
    if (static_cast<int>(path.size()) >= depth || e - b < 2 * min_size) {
        for (std::size_t k = b; k < e; ++k) paths[members[k]] = path;
        return;
    }
    const std::size_t left = split(v, members, b, e, rng);
    bisect(v, members, b, b + left, path + "0", depth, min_size, rng, paths);
    bisect(v, members, b + left, e, path + "1", depth, min_size, rng, paths);
}

}  // namespace

std::size_t write_context_vectors(const std::string& text_path, const std::string& out_path, std::size_t min_count,
                                  std::size_t contexts, std::size_t dim, unsigned seed) {
    // Vocabulary and counts.
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> words;
    std::vector<std::uint64_t> counts;
    std::vector<std::uint32_t> corpus;  // word ids, kBoundary between sentences
    constexpr std::uint32_t kBoundary = ~0u;
    {
        std::ifstream in(text_path);
        if (!in) throw std::runtime_error(text_path + ": cannot open");
        std::string line, w;
        while (std::getline(in, line)) {
            std::istringstream ss(line);
            corpus.push_back(kBoundary);
            while (ss >> w) {
                auto [it, fresh] = ids.emplace(w, static_cast<std::uint32_t>(words.size()));
                if (fresh) {
                    words.push_back(w);
                    counts.push_back(0);
                }
                ++counts[it->second];
                corpus.push_back(it->second);
            }
        }
        corpus.push_back(kBoundary);
    }
    // Context words: the most frequent ones (ties by first appearance), one column each side.
    std::vector<std::uint32_t> order(words.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<std::uint32_t>(k);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return counts[a] > counts[b]; });
    std::vector<std::int32_t> column(words.size(), -1);
    for (std::size_t k = 0; k < contexts && k < order.size(); ++k) column[order[k]] = static_cast<std::int32_t>(k);
    const std::size_t sentinel = contexts;  // sentence edge, as a context of its own
    const std::size_t width = 2 * (contexts + 1);
    // Co-occurrence counts of kept words with left/right neighbours (sparse rows).
    std::vector<std::unordered_map<std::uint32_t, float>> rows(words.size());
    std::vector<double> col_total(width, 0);
    double total = 0;
    for (std::size_t i = 1; i + 1 < corpus.size(); ++i) {
        const std::uint32_t w = corpus[i];
        if (w == kBoundary || counts[w] < min_count) continue;
        const std::uint32_t l = corpus[i - 1], r = corpus[i + 1];
        const std::size_t lc = l == kBoundary ? sentinel : column[l] < 0 ? width : static_cast<std::size_t>(column[l]);
        const std::size_t rc = r == kBoundary ? sentinel : column[r] < 0 ? width : static_cast<std::size_t>(column[r]);
        for (std::size_t c : {lc, rc == width ? width : contexts + 1 + rc}) {
            if (c >= width) continue;
            rows[w][static_cast<std::uint32_t>(c)] += 1;
            col_total[c] += 1;
            total += 1;
        }
    }
    // Positive PMI, projected to dim dimensions by a fixed random +-1 matrix (Achlioptas).
    std::mt19937 rng(seed);
    std::vector<float> projection(width * dim);
    for (float& x : projection) x = (rng() & 1) ? 1.0f : -1.0f;
    std::ofstream out(out_path);
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    std::size_t kept = 0;
    for (std::size_t w = 0; w < words.size(); ++w) kept += counts[w] >= min_count && !rows[w].empty();
    out << kept << ' ' << dim << '\n';
    std::vector<double> v(dim);
    for (std::uint32_t w : order) {
        if (counts[w] < min_count || rows[w].empty()) continue;
        double row_total = 0;
        for (const auto& [c, n] : rows[w]) row_total += n;
        std::fill(v.begin(), v.end(), 0.0);
        for (const auto& [c, n] : rows[w]) {
            const double pmi = std::log(n * total / (row_total * col_total[c]));
            if (pmi <= 0) continue;
            const float* p = &projection[static_cast<std::size_t>(c) * dim];
            for (std::size_t d = 0; d < dim; ++d) v[d] += pmi * p[d];
        }
        out << words[w];
        for (double x : v) out << ' ' << static_cast<float>(x);
        out << '\n';
    }
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    return kept;
}

std::size_t write_clusters(const std::string& vec_path, const std::string& out_path, int depth, std::size_t min_size,
                           unsigned seed) {
    const Vectors v = read_vec(vec_path);
    std::vector<std::uint32_t> members(v.words.size());
    for (std::size_t k = 0; k < members.size(); ++k) members[k] = static_cast<std::uint32_t>(k);
    std::vector<std::string> paths(v.words.size());
    std::mt19937 rng(seed);
    bisect(v, members, 0, members.size(), "", depth, min_size, rng, paths);
    std::ofstream out(out_path);
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    out << "# word<TAB>cluster path: bisecting 2-means (depth " << depth << ", min size " << min_size
        << ") over word vectors (.vec format); made by scripts/make-word-clusters\n";
    for (std::size_t k = 0; k < v.words.size(); ++k) {
        if (!paths[k].empty()) out << v.words[k] << '\t' << paths[k] << '\n';
    }
    if (!out) throw std::runtime_error(out_path + ": cannot write");
    return v.words.size();
}

}  // namespace newsdex::ner
