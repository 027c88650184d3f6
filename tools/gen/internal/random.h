// Seeded randomness for the generators in tools/gen: a hash to derive
// independent seeds from (seed, entity), and a random stream with the few
// draws the generators make.
//
//   Random random(Mix(seed ^ Mix(entity)));
//   if (random.Chance(0.2)) name = kNicknames[random.Pick(kNicknames.size())];
//
// The sequence of draws is part of every generator's output: changing what
// a draw consumes changes every data set generated before.
#ifndef MDM_TOOLS_GEN_INTERNAL_RANDOM_H_
#define MDM_TOOLS_GEN_INTERNAL_RANDOM_H_

#include <cstddef>
#include <cstdint>
#include <random>

namespace mdm::gen {

// SplitMix64's finalizer: a bijective 64-bit hash.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// True with probability p when `hash` is uniformly distributed (a Mix of
// some key): a one-off draw without the cost of seeding a stream.
inline bool HashChance(uint64_t hash, double p) {
  return static_cast<double>(hash >> 11) * 0x1.0p-53 < p;
}

// A pseudo-random stream (64-bit Mersenne Twister) fixed by its seed.
// Not thread-safe; make one per entity.
class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // The next 64 raw bits.
  uint64_t Next() { return engine_(); }

  // In [0, n); REQUIRES n > 0. One draw.
  size_t Pick(size_t n) { return static_cast<size_t>(engine_() % n); }

  // In [0, 1). One draw.
  double Uniform() {
    return std::uniform_real_distribution<double>(0, 1)(engine_);
  }

  // True with probability p. One draw.
  bool Chance(double p) { return Uniform() < p; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace mdm::gen

#endif  // MDM_TOOLS_GEN_INTERNAL_RANDOM_H_
