// Cost per pair of the comparator kernels on realistic name pairs.
//
// Each benchmark iteration compares one pair, rotating through 64 pairs of
// person names of about 15 code points with typical typos, so the branch
// predictor cannot learn a single pair; the reported time is ns per pair.
//
//   build-comparators/benchmarks/comparators_benchmark --benchmark_min_time=0.5
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "benchmark/benchmark.h"
#include "matching/comparators/damerau.h"
#include "matching/comparators/jaro_winkler.h"
#include "matching/comparators/levenshtein.h"
#include "matching/comparators/qgram_cosine.h"
#include "matching/comparators/token_similarity.h"
#include "matching/comparators/utf32.h"

namespace mdm::matching {
namespace {

constexpr size_t kPairs = 64;

// Real-looking full names, 11 to 17 code points (mean 14.6), a few with
// diacritics.
constexpr const char* kNames[kPairs] = {
    "jonathan smith",    "margaret johnson",  "william anderson",
    "elizabeth taylor",  "christopher lee",   "katherine brown",
    "michael thompson",  "jennifer martinez", "robert williams",
    "patricia garcia",   "david robinson",    "barbara clarkson",
    "richard rodriguez", "susan lewisham",    "joseph walker jr",
    "jessica halloran",  "thomas allenby",    "sarah youngblood",
    "charles hernandez", "karen kingsley",    "daniel wrightson",
    "nancy lopez diaz",  "matthew hillier",   "lisa scott-brown",
    "anthony greenwood", "betty adamson",     "mark bakewell",
    "sandra gonzalez",   "donald nelson",     "ashley carter",
    "steven mitchell",   "kimberly perez",    "paul robertson",
    "emily turnbull",    "andrew phillips",   "donna campbell",
    "joshua parker",     "michelle evans",    "kenneth edwards",
    "dorothy collins",   "kevin stewart",     "carol sanchez",
    "brian morrison",    "amanda rogers",     "george reedman",
    "melissa cookson",   "edward morgan",     "deborah bellamy",
    "ronald murphy",     "stephanie bailey",  "timothy rivera",
    "rebecca cooper",    "jason richardson",  "sharon coxwell",
    "jeffrey howard",    "laura wardell",     "ryan torres",
    "cynthia peterson",  "jacob grayson",     "kathleen ramirez",
    "josé müller",       "zoë łukaszewicz",   "françois dubois",
    "søren kierkegård",
};

// Applies one or two typical typos: adjacent swap, substitution, deletion,
// insertion. Deterministic.
std::u32string Mistype(std::u32string s, std::mt19937& rng) {
  const int typos = 1 + static_cast<int>(rng() % 2);
  for (int t = 0; t < typos; ++t) {
    const size_t at = 1 + rng() % (s.size() - 2);
    switch (rng() % 4) {
      case 0:
        std::swap(s[at], s[at + 1]);
        break;
      case 1:
        s[at] = U'a' + static_cast<char32_t>(rng() % 26);
        break;
      case 2:
        s.erase(at, 1);
        break;
      default:
        s.insert(s.begin() + at, U'a' + static_cast<char32_t>(rng() % 26));
    }
  }
  return s;
}

struct Corpus {
  std::vector<std::u32string> a, b;
  std::vector<std::vector<std::string>> tokens_a, tokens_b;
  std::vector<QGramProfile> profiles_a, profiles_b;
  absl::flat_hash_map<uint64_t, double> idf;
};

const Corpus& GetCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    std::mt19937 rng(15);
    for (const char* name : kNames) {
      c->a.push_back(ToCodePoints(name));
      c->b.push_back(Mistype(c->a.back(), rng));
      c->tokens_a.push_back(absl::StrSplit(name, ' '));
      c->tokens_b.push_back(absl::StrSplit(ToUtf8(c->b.back()), ' '));
      c->profiles_a.push_back(QGramProfile::FromCodePoints(c->a.back(), 2));
      c->profiles_b.push_back(QGramProfile::FromCodePoints(c->b.back(), 2));
    }
    // Document frequencies over the first names of the corpus.
    absl::flat_hash_map<uint64_t, int> df;
    for (const QGramProfile& p : c->profiles_a) {
      for (const QGramCount& g : p.grams()) ++df[g.hash];
    }
    for (const auto& [hash, n] : df) {
      c->idf[hash] = std::log(1.0 + static_cast<double>(kPairs) / n);
    }
    return c;
  }();
  return *corpus;
}

template <typename Compare>
void RunPairs(benchmark::State& state, Compare compare) {
  const Corpus& c = GetCorpus();
  size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(compare(c, k));
    k = (k + 1) % kPairs;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_JaroWinkler(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return JaroWinkler(c.a[k], c.b[k]);
  });
}
BENCHMARK(BM_JaroWinkler);

void BM_Levenshtein(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return Levenshtein(c.a[k], c.b[k]);
  });
}
BENCHMARK(BM_Levenshtein);

// Unrelated names (name k against the typo of name k + 1): little common
// prefix or suffix to strip, so the kernels do their full work.
void BM_JaroWinklerUnrelated(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return JaroWinkler(c.a[k], c.b[(k + 1) % kPairs]);
  });
}
BENCHMARK(BM_JaroWinklerUnrelated);

void BM_LevenshteinUnrelated(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return Levenshtein(c.a[k], c.b[(k + 1) % kPairs]);
  });
}
BENCHMARK(BM_LevenshteinUnrelated);

void BM_LevenshteinBounded2(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return LevenshteinBounded(c.a[k], c.b[k], 2);
  });
}
BENCHMARK(BM_LevenshteinBounded2);

// Unrelated names: the bounded early exit.
void BM_LevenshteinBounded2Unrelated(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return LevenshteinBounded(c.a[k], c.b[(k + 1) % kPairs], 2);
  });
}
BENCHMARK(BM_LevenshteinBounded2Unrelated);

void BM_DamerauOsa(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return DamerauOsa(c.a[k], c.b[k]);
  });
}
BENCHMARK(BM_DamerauOsa);

void BM_Jaccard(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return Jaccard(c.tokens_a[k], c.tokens_b[k]);
  });
}
BENCHMARK(BM_Jaccard);

void BM_SoftTokenOverlap(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return SoftTokenOverlap(c.tokens_a[k], c.tokens_b[k], 0.9);
  });
}
BENCHMARK(BM_SoftTokenOverlap);

void BM_Cosine(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return Cosine(c.profiles_a[k], c.profiles_b[k]);
  });
}
BENCHMARK(BM_Cosine);

void BM_CosineTfIdf(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return CosineTfIdf(c.profiles_a[k], c.profiles_b[k], [&c](uint64_t h) {
      auto it = c.idf.find(h);
      return it == c.idf.end() ? 5.0 : it->second;
    });
  });
}
BENCHMARK(BM_CosineTfIdf);

// Per value, not per pair: the one-time conversions.
void BM_ToCodePoints(benchmark::State& state) {
  RunPairs(state, [](const Corpus&, size_t k) {
    return ToCodePoints(kNames[k]).size();
  });
}
BENCHMARK(BM_ToCodePoints);

void BM_QGramProfile(benchmark::State& state) {
  RunPairs(state, [](const Corpus& c, size_t k) {
    return QGramProfile::FromCodePoints(c.a[k], 2).grams().size();
  });
}
BENCHMARK(BM_QGramProfile);

// Chinese names of two to four characters, one character substituted: the
// non-ASCII path of the kernels.
void BM_CjkPairs(benchmark::State& state, int which) {
  static const auto* pairs = [] {
    const char* names[] = {"王伟",   "李娜",   "张敏",     "刘洋",
                           "陈静",   "杨磊",   "赵丽",     "黄勇",
                           "周杰伦", "吴晓明", "欧阳娜娜", "司马相如",
                           "徐志摩", "孙悟空", "马云飞",   "朱自清"};
    auto* out = new std::vector<std::pair<std::u32string, std::u32string>>;
    std::mt19937 rng(16);
    for (const char* name : names) {
      std::u32string a = ToCodePoints(name);
      std::u32string b = a;
      b[rng() % b.size()] = U'\u4E00' + static_cast<char32_t>(rng() % 2000);
      out->emplace_back(a, b);
    }
    return out;
  }();
  size_t k = 0;
  for (auto _ : state) {
    const auto& [a, b] = (*pairs)[k];
    if (which == 0) {
      benchmark::DoNotOptimize(JaroWinkler(a, b));
    } else {
      benchmark::DoNotOptimize(Levenshtein(a, b));
    }
    k = (k + 1) % pairs->size();
  }
}
BENCHMARK_CAPTURE(BM_CjkPairs, JaroWinkler, 0);
BENCHMARK_CAPTURE(BM_CjkPairs, Levenshtein, 1);

// Longer strings: 200 code points, beyond the bit-parallel fast path.
void BM_Levenshtein200(benchmark::State& state) {
  std::mt19937 rng(200);
  std::u32string a(200, U'a'), b;
  for (char32_t& ch : a) ch = U'a' + static_cast<char32_t>(rng() % 26);
  b = Mistype(a, rng);
  b.front() = U'<';  // nothing to strip: the whole 200 x 200 program runs
  b.back() = U'>';
  for (auto _ : state) benchmark::DoNotOptimize(Levenshtein(a, b));
}
BENCHMARK(BM_Levenshtein200);

}  // namespace
}  // namespace mdm::matching

BENCHMARK_MAIN();
